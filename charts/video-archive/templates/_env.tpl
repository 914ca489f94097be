{{/* What the chart sets for video-archive (ConfigMap); `config` adds the city's settings. */}}
{{- define "video-archive.env" -}}
{{ include "ecogate-lib.kafkaConfig" . }}
{{ include "ecogate-lib.objectStorageConfig" . }}
{{ include "ecogate-lib.authConfig" . }}
{{ include "ecogate-lib.signingConfig" . }}
CAMERA_INGEST_URL: {{ include "ecogate-lib.peerUrl" (dict "root" . "service" "camera-ingest" "port" 8081) | quote }}
PLATE_RECOGNITION_URL: {{ include "ecogate-lib.peerUrl" (dict "root" . "service" "plate-recognition" "port" 8080) | quote }}
VIDEO_RETENTION_DAYS: {{ .Values.global.retention.videoDays | quote }}
VIDEO_SPOOL_DIR: /spool
{{- end -}}

{{/* Each shard reads its own cameras file, chosen by its StatefulSet ordinal. */}}
{{- define "video-archive.componentEnv" -}}
- name: SHARD
  valueFrom:
    fieldRef:
      fieldPath: metadata.labels['apps.kubernetes.io/pod-index']
- name: VIDEO_CAMERAS_FILE
  value: /etc/ecogate/cameras/shard-$(SHARD).json
{{- if .Values.cameras.lanesFile }}
- name: VIDEO_CAMERA_LANES_FILE
  value: /etc/ecogate/cameras/camera-lanes.json
{{- end }}
{{- end -}}

{{- define "video-archive.secretEnv" -}}
{{ include "ecogate-lib.databaseSecretEnv" . }}
{{ include "ecogate-lib.kafkaSecretEnv" . }}
{{ include "ecogate-lib.objectStorageSecretEnv" . }}
{{- end -}}

{{- define "video-archive.volumes" -}}
- name: cameras
  secret:
    secretName: {{ .Values.cameras.existingSecret }}
    defaultMode: 0440
{{- if not .Values.spool.persistent }}
- name: spool
  emptyDir:
    sizeLimit: {{ .Values.spool.size }}
{{- end }}
{{ include "ecogate-lib.authVolumes" (dict "root" . "signing" true) }}
{{ include "ecogate-lib.infraVolumes" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}

{{- define "video-archive.volumeMounts" -}}
- name: cameras
  mountPath: /etc/ecogate/cameras
  readOnly: true
- name: spool
  mountPath: /spool
{{ include "ecogate-lib.authVolumeMounts" (dict "root" . "signing" true) }}
{{ include "ecogate-lib.infraVolumeMounts" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}

{{/* The spool of each shard on its own claim: segments waiting for the object store survive a restart. */}}
{{- define "video-archive.volumeClaimTemplates" -}}
{{- if .Values.spool.persistent }}
- metadata:
    name: spool
  spec:
    accessModes: ["ReadWriteOnce"]
    {{- with .Values.spool.storageClass }}
    storageClassName: {{ . }}
    {{- end }}
    resources:
      requests:
        storage: {{ .Values.spool.size }}
{{- end }}
{{- end -}}
