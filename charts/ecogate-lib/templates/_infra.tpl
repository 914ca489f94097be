{{/*
Kafka, PostgreSQL and S3 as a service reaches them: the city's own endpoints (`global.kafka`,
`global.postgres`, `global.objectStorage`) by default, or the umbrella's operator resources
(`global.operators.*`), whose names follow from the release: Strimzi Kafka `<release>-kafka`,
CloudNativePG Cluster `<release>-postgres`, MinIO Tenant `<release>-minio`.
*/}}

{{- define "ecogate-lib.kafkaCluster" -}}{{ printf "%s-kafka" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "ecogate-lib.postgresCluster" -}}{{ printf "%s-postgres" .Release.Name | trunc 50 | trimSuffix "-" }}{{- end -}}
{{- define "ecogate-lib.minioTenant" -}}{{ printf "%s-minio" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}

{{- define "ecogate-lib.kafkaTls" -}}
{{- if or .Values.global.operators.kafka .Values.global.kafka.tls.enabled }}true{{ end -}}
{{- end -}}

{{- define "ecogate-lib.kafkaSasl" -}}
{{- if or .Values.global.operators.kafka .Values.global.kafka.sasl.enabled }}true{{ end -}}
{{- end -}}

{{/* The CA Secret of the brokers, as (dict "name" "key"), or empty for the system CAs. */}}
{{- define "ecogate-lib.kafkaCa" -}}
{{- if .Values.global.operators.kafka -}}
{{- dict "name" (printf "%s-cluster-ca-cert" (include "ecogate-lib.kafkaCluster" .)) "key" "ca.crt" | toJson -}}
{{- else if and .Values.global.kafka.tls.enabled .Values.global.kafka.tls.caSecret.name -}}
{{- toJson .Values.global.kafka.tls.caSecret -}}
{{- end -}}
{{- end -}}

{{- define "ecogate-lib.kafkaUsername" -}}
{{- if .Values.kafka.username -}}
{{- .Values.kafka.username -}}
{{- else if .Values.global.operators.kafka -}}
{{- include "ecogate-lib.fullname" . -}}
{{- else -}}
{{- .Chart.Name -}}
{{- end -}}
{{- end -}}

{{/* Non-secret Kafka settings (ConfigMap). Unset brokers stay unset: the service then names KAFKA_BROKERS at boot. */}}
{{- define "ecogate-lib.kafkaConfig" -}}
MESSAGING: kafka
{{- $brokers := ternary (printf "%s-kafka-bootstrap:9093" (include "ecogate-lib.kafkaCluster" .)) .Values.global.kafka.brokers .Values.global.operators.kafka }}
{{- with $brokers }}
KAFKA_BROKERS: {{ . | quote }}
{{- end }}
KAFKA_TOPIC_PREFIX: {{ .Values.global.kafka.topicPrefix | quote }}
{{- if include "ecogate-lib.kafkaTls" . }}
KAFKA_TLS: "true"
{{- with include "ecogate-lib.kafkaCa" . }}
KAFKA_TLS_CA_FILE: {{ printf "/etc/ecogate/kafka-ca/%s" (fromJson .).key | quote }}
{{- end }}
{{- end }}
{{- if include "ecogate-lib.kafkaSasl" . }}
KAFKA_SASL_USERNAME: {{ include "ecogate-lib.kafkaUsername" . | quote }}
KAFKA_SASL_MECHANISM: {{ ternary "scram-sha-512" .Values.global.kafka.sasl.mechanism .Values.global.operators.kafka | quote }}
{{- end }}
{{- end -}}

{{/* KAFKA_SASL_PASSWORD from a Secret: the service's KafkaUser Secret with Strimzi. */}}
{{- define "ecogate-lib.kafkaSecretEnv" -}}
{{- if include "ecogate-lib.kafkaSasl" . }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if and .Values.global.operators.kafka (not .Values.kafka.existingSecret) }}
      name: {{ include "ecogate-lib.kafkaUsername" . }}
      key: password
      {{- else }}
      name: {{ .Values.kafka.existingSecret | default .Values.global.kafka.sasl.existingSecret }}
      key: {{ .Values.kafka.passwordKey | default .Chart.Name }}
      {{- end }}
{{- end }}
{{- end -}}

{{/*
DATABASE_URL. City PostgreSQL: the whole URL from a Secret. CloudNativePG: a URL without
credentials (full verification of the server's certificate against the cluster's CA) and the
libpq variables PGUSER and PGPASSWORD from the operator's application Secret, which node-postgres
reads when the URL names no user or password.
*/}}
{{- define "ecogate-lib.databaseSecretEnv" -}}
{{- if .Values.global.operators.postgres }}
{{- $cluster := include "ecogate-lib.postgresCluster" . }}
- name: PGUSER
  valueFrom:
    secretKeyRef:
      name: {{ $cluster }}-app
      key: username
- name: PGPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $cluster }}-app
      key: password
- name: DATABASE_URL
  value: {{ printf "postgresql://%s-rw:5432/%s?sslmode=verify-full&sslrootcert=/etc/ecogate/postgres-ca/ca.crt" $cluster .Values.database.name | quote }}
{{- else }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret | default .Values.global.postgres.existingSecret }}
      key: {{ .Values.database.key | default .Chart.Name }}
{{- end }}
{{- end -}}

{{- define "ecogate-lib.objectStorageConfig" -}}
OBJECT_STORAGE: minio
{{- $endpoint := ternary (printf "http://minio.%s.svc:80" .Release.Namespace) .Values.global.objectStorage.endpoint .Values.global.operators.minio }}
{{- with $endpoint }}
S3_ENDPOINT: {{ . | quote }}
{{- end }}
S3_REGION: {{ .Values.global.objectStorage.region | quote }}
{{- end -}}

{{- define "ecogate-lib.objectStorageSecretEnv" -}}
{{- $secret := .Values.objectStorage.existingSecret | default .Values.global.objectStorage.existingSecret }}
- name: S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.objectStorage.accessKeyKey | default (printf "%s-access-key" .Chart.Name) }}
- name: S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.objectStorage.secretKeyKey | default (printf "%s-secret-key" .Chart.Name) }}
{{- end -}}

{{/* CA volumes of the infrastructure the service uses: (dict "root" $ "kafka" true "postgres" true). */}}
{{- define "ecogate-lib.infraVolumes" -}}
{{- if .kafka }}
{{- with include "ecogate-lib.kafkaCa" .root }}
{{- $ca := fromJson . }}
- name: kafka-ca
  secret:
    secretName: {{ $ca.name }}
    items:
      - key: {{ $ca.key }}
        path: {{ $ca.key }}
{{- end }}
{{- end }}
{{- if and .postgres .root.Values.global.operators.postgres }}
- name: postgres-ca
  secret:
    secretName: {{ include "ecogate-lib.postgresCluster" .root }}-ca
    items:
      - key: ca.crt
        path: ca.crt
{{- end }}
{{- end -}}

{{- define "ecogate-lib.infraVolumeMounts" -}}
{{- if and .kafka (include "ecogate-lib.kafkaCa" .root) }}
- name: kafka-ca
  mountPath: /etc/ecogate/kafka-ca
  readOnly: true
{{- end }}
{{- if and .postgres .root.Values.global.operators.postgres }}
- name: postgres-ca
  mountPath: /etc/ecogate/postgres-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/*
Token verification (libs/auth): people's tokens against the gateway's JWKS on its internal
listener, service tokens against the services' public keys (a ConfigMap); a service that calls
another signs with its own key (a Secret, `<service>.pem`).
*/}}
{{- define "ecogate-lib.authConfig" -}}
AUTH_JWKS_URL: {{ printf "%s/.well-known/jwks.json" (include "ecogate-lib.peerUrl" (dict "root" . "service" "gateway" "port" 8081)) | quote }}
AUTH_SERVICE_KEYS_FILE: {{ printf "/etc/ecogate/service-keys/%s" .Values.global.auth.serviceKeys.key | quote }}
{{- end -}}

{{- define "ecogate-lib.signingConfig" -}}
SERVICE_SIGNING_KEY_FILE: "/etc/ecogate/signing-key/key.pem"
{{- end -}}

{{/* (dict "root" $ "signing" bool) */}}
{{- define "ecogate-lib.authVolumes" -}}
- name: service-keys
  configMap:
    name: {{ .root.Values.global.auth.serviceKeys.configMap }}
    items:
      - key: {{ .root.Values.global.auth.serviceKeys.key }}
        path: {{ .root.Values.global.auth.serviceKeys.key }}
{{- if .signing }}
- name: signing-key
  secret:
    secretName: {{ .root.Values.global.auth.signingKeys.existingSecret }}
    defaultMode: 0440
    items:
      - key: {{ printf "%s.pem" .root.Chart.Name }}
        path: key.pem
{{- end }}
{{- end -}}

{{- define "ecogate-lib.authVolumeMounts" -}}
- name: service-keys
  mountPath: /etc/ecogate/service-keys
  readOnly: true
{{- if .signing }}
- name: signing-key
  mountPath: /etc/ecogate/signing-key
  readOnly: true
{{- end }}
{{- end -}}
