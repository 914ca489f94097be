{{/* What the chart sets for provincial-upload (ConfigMap); `config` adds the platform and its settings. */}}
{{- define "provincial-upload.env" -}}
{{ include "ecogate-lib.kafkaConfig" . }}
{{ include "ecogate-lib.objectStorageConfig" . }}
{{ include "ecogate-lib.authConfig" . }}
{{- end -}}

{{- define "provincial-upload.secretEnv" -}}
{{ include "ecogate-lib.databaseSecretEnv" . }}
{{ include "ecogate-lib.kafkaSecretEnv" . }}
{{ include "ecogate-lib.objectStorageSecretEnv" . }}
- name: PLATFORM_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.platform.existingSecret }}
      key: {{ .Values.platform.existingSecretKey }}
{{- end -}}

{{- define "provincial-upload.volumes" -}}
{{ include "ecogate-lib.authVolumes" (dict "root" . "signing" false) }}
{{ include "ecogate-lib.infraVolumes" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}

{{- define "provincial-upload.volumeMounts" -}}
{{ include "ecogate-lib.authVolumeMounts" (dict "root" . "signing" false) }}
{{ include "ecogate-lib.infraVolumeMounts" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}
