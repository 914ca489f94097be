{{/* What the chart sets for plate-recognition (ConfigMap); `config` adds the city's settings. */}}
{{- define "plate-recognition.env" -}}
{{ include "ecogate-lib.kafkaConfig" . }}
{{ include "ecogate-lib.objectStorageConfig" . }}
{{ include "ecogate-lib.authConfig" . }}
{{ include "ecogate-lib.signingConfig" . }}
LPR_MODEL_DIR: /models
LEDGER_URL: {{ include "ecogate-lib.peerUrl" (dict "root" . "service" "ledger" "port" 8080) | quote }}
{{- end -}}

{{- define "plate-recognition.secretEnv" -}}
{{ include "ecogate-lib.kafkaSecretEnv" . }}
{{ include "ecogate-lib.objectStorageSecretEnv" . }}
{{- end -}}

{{- define "plate-recognition.volumes" -}}
{{- if eq .Values.models.source "pvc" }}
- name: models
  persistentVolumeClaim:
    claimName: {{ .Values.models.pvc.claimName }}
    readOnly: true
{{- else }}
- name: models
  emptyDir:
    sizeLimit: {{ .Values.models.sizeLimit }}
{{- end }}
{{ include "ecogate-lib.authVolumes" (dict "root" . "signing" true) }}
{{ include "ecogate-lib.infraVolumes" (dict "root" . "kafka" true) }}
{{- end -}}

{{- define "plate-recognition.volumeMounts" -}}
- name: models
  mountPath: /models
  readOnly: true
{{ include "ecogate-lib.authVolumeMounts" (dict "root" . "signing" true) }}
{{ include "ecogate-lib.infraVolumeMounts" (dict "root" . "kafka" true) }}
{{- end -}}

{{/* With `models.source: image`: copy the models out of their own image before the service starts. */}}
{{- define "plate-recognition.initContainers" -}}
{{- if eq .Values.models.source "image" }}
{{- $m := .Values.models.image }}
{{- if or (not $m.repository) (not $m.tag) }}
{{- fail "plate-recognition: models.source is image, so models.image.repository and models.image.tag are required" }}
{{- end }}
- name: models
  image: {{ printf "%s:%s" $m.repository $m.tag | quote }}
  imagePullPolicy: IfNotPresent
  command: ["cp", "-R", "{{ trimSuffix "/" $m.path }}/.", "/out/"]
  resources:
    requests:
      cpu: 100m
      memory: 64Mi
    limits:
      cpu: 500m
      memory: 128Mi
  securityContext:
    {{- include "ecogate-lib.containerSecurityContext" . | nindent 4 }}
  volumeMounts:
    - name: models
      mountPath: /out
{{- end }}
{{- end -}}
