{{/* What the chart sets for the gateway (ConfigMap); `config` adds the city's settings. */}}
{{- define "gateway.env" -}}
{{ include "ecogate-lib.kafkaConfig" . }}
# Objects live on S3: links point at the store; the gateway holds no S3 keys.
OBJECT_STORAGE: minio
INTERNAL_HTTP_HOST: "0.0.0.0"
INTERNAL_HTTP_PORT: "8081"
GATEWAY_SIGNING_KEY_FILE: /etc/ecogate/signing-key/signing-key.pem
{{- if .Values.signingKey.previousPublicKey }}
GATEWAY_PREVIOUS_PUBLIC_KEY_FILE: /etc/ecogate/signing-key/previous-public.pem
{{- end }}
{{- range $service, $port := dict "ledger" 8080 "barrier-control" 8080 "camera-ingest" 8081 "video-archive" 8080 "provincial-upload" 8080 }}
GATEWAY_UPSTREAM_{{ $service | upper | replace "-" "_" }}_URL: {{ include "ecogate-lib.peerUrl" (dict "root" $ "service" $service "port" $port) | quote }}
{{- end }}
{{- if .Values.console.enabled }}
CONSOLE_DIR: {{ .Values.console.dir | quote }}
{{- end }}
{{- end -}}

{{- define "gateway.secretEnv" -}}
{{ include "ecogate-lib.databaseSecretEnv" . }}
{{ include "ecogate-lib.kafkaSecretEnv" . }}
{{- with .Values.oidc.existingSecret }}
- name: GATEWAY_OIDC_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: GATEWAY_OIDC_CLIENT_SECRET
- name: GATEWAY_OIDC_TRANSACTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: GATEWAY_OIDC_TRANSACTION_KEY
{{- end }}
{{- end -}}

{{- define "gateway.volumes" -}}
- name: signing-key
  secret:
    secretName: {{ .Values.signingKey.existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ .Values.signingKey.key }}
        path: signing-key.pem
      {{- with .Values.signingKey.previousPublicKey }}
      - key: {{ . }}
        path: previous-public.pem
      {{- end }}
{{ include "ecogate-lib.infraVolumes" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}

{{- define "gateway.volumeMounts" -}}
- name: signing-key
  mountPath: /etc/ecogate/signing-key
  readOnly: true
{{ include "ecogate-lib.infraVolumeMounts" (dict "root" . "kafka" true "postgres" true) }}
{{- end -}}
