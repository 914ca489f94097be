{{/* What the chart sets for the ledger (ConfigMap); `config` adds the city's settings. */}}
{{- define "ledger.env" -}}
{{ include "ecogate-lib.kafkaConfig" . }}
{{ include "ecogate-lib.objectStorageConfig" . }}
{{ include "ecogate-lib.authConfig" . }}
{{ include "ecogate-lib.signingConfig" . }}
VIDEO_ARCHIVE_URL: {{ include "ecogate-lib.peerUrl" (dict "root" . "service" "video-archive" "port" 8080) | quote }}
PLATE_RECOGNITION_URL: {{ include "ecogate-lib.peerUrl" (dict "root" . "service" "plate-recognition" "port" 8080) | quote }}
{{ include "ledger.retention" . }}
LEDGER_EXPORT_TMP_DIR: /tmp
{{- if .Values.chainSigningKey.existingSecret }}
LEDGER_CHAIN_SIGNING_KEY_FILE: /etc/ecogate/chain-key/chain-key.pem
LEDGER_CHAIN_SIGNING_KEY_ID: {{ .Values.chainSigningKey.keyId | quote }}
{{- end }}
{{- with .Values.stageLookup.url }}
{{- if not $.Values.stageLookup.credentials.existingSecret }}
{{- fail "ledger: stageLookup.url needs stageLookup.credentials.existingSecret (the city's credentials)" }}
{{- end }}
LEDGER_STAGE_LOOKUP_URL: {{ . | quote }}
LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE: /etc/ecogate/stage-lookup/credentials.json
{{- end }}
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
{{- with .Values.chainSigningKey.existingSecret }}
- name: chain-key
  secret:
    secretName: {{ . }}
    defaultMode: 0440
    items:
      - key: {{ $.Values.chainSigningKey.key }}
        path: chain-key.pem
{{- end }}
{{- if .Values.stageLookup.url }}
- name: stage-lookup-credentials
  secret:
    secretName: {{ .Values.stageLookup.credentials.existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ .Values.stageLookup.credentials.key }}
        path: credentials.json
{{- end }}
{{ include "ecogate-lib.authVolumes" (dict "root" . "signing" true) }}
{{ include "ecogate-lib.infraVolumes" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}

{{- define "ledger.volumeMounts" -}}
{{- if .Values.chainSigningKey.existingSecret }}
- name: chain-key
  mountPath: /etc/ecogate/chain-key
  readOnly: true
{{- end }}
{{- if .Values.stageLookup.url }}
- name: stage-lookup-credentials
  mountPath: /etc/ecogate/stage-lookup
  readOnly: true
{{- end }}
{{ include "ecogate-lib.authVolumeMounts" (dict "root" . "signing" true) }}
{{ include "ecogate-lib.infraVolumeMounts" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}
