{{/* What the chart sets for the ledger (ConfigMap); `config` adds the city's settings. */}}
{{- define "ledger.env" -}}
{{ include "ecogate-lib.kafkaConfig" . }}
{{ include "ecogate-lib.objectStorageConfig" . }}
{{ include "ecogate-lib.authConfig" . }}
{{ include "ledger.retention" . }}
LEDGER_EXPORT_TMP_DIR: /tmp
{{- end -}}

{{/* The city's ledger floor (at least the national 365 days); also what `--migrate` checks. */}}
{{- define "ledger.retention" -}}
LEDGER_RETENTION_FLOOR_DAYS: {{ .Values.global.retention.ledgerDays | quote }}
LEDGER_RETENTION_DAYS: {{ .Values.config.LEDGER_RETENTION_DAYS | default .Values.global.retention.ledgerDays | quote }}
{{- end -}}

{{- define "ledger.secretEnv" -}}
{{ include "ecogate-lib.databaseSecretEnv" . }}
{{ include "ecogate-lib.kafkaSecretEnv" . }}
{{ include "ecogate-lib.objectStorageSecretEnv" . }}
{{- end -}}

{{- define "ledger.volumes" -}}
{{ include "ecogate-lib.authVolumes" (dict "root" . "signing" false) }}
{{ include "ecogate-lib.infraVolumes" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}

{{- define "ledger.volumeMounts" -}}
{{ include "ecogate-lib.authVolumeMounts" (dict "root" . "signing" false) }}
{{ include "ecogate-lib.infraVolumeMounts" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}
