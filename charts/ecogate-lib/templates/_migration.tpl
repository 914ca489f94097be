{{/*
The schema migration: `--migrate` (the service's deploy step; no service migrates at boot) as a
Helm hook Job before install and before every upgrade, so new code never meets an old schema.
With CloudNativePG the database is created by this release, so on a first install the Job runs
after it (post-install) and waits for the cluster through its retries.
Arguments: (dict "root" $ "env" map), env: what the job configuration of the service reads.
*/}}
{{- define "ecogate-lib.migrationJob" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- if $v.migration.enabled }}
{{- $component := dict "root" $root "component" "migrate" }}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "ecogate-lib.componentName" $component }}
  labels:
    {{- include "ecogate-lib.labels" $component | nindent 4 }}
  annotations:
    helm.sh/hook: {{ ternary "post-install,pre-upgrade" "pre-install,pre-upgrade" $v.global.operators.postgres }}
    helm.sh/hook-weight: "-5"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ $v.migration.backoffLimit }}
  activeDeadlineSeconds: {{ $v.migration.activeDeadlineSeconds }}
  ttlSecondsAfterFinished: 86400
  template:
    metadata:
      labels:
        {{- include "ecogate-lib.selectorLabels" $component | nindent 8 }}
        app.kubernetes.io/part-of: ecogate
    spec:
      restartPolicy: Never
      # The namespace's default account with no token: a hook runs before this release's own account exists.
      automountServiceAccountToken: false
      enableServiceLinks: false
      securityContext:
        {{- include "ecogate-lib.podSecurityContext" $root | nindent 8 }}
      {{- with include "ecogate-lib.imagePullSecrets" $root }}
      {{- . | nindent 6 }}
      {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: migrate
          image: {{ include "ecogate-lib.image" $root | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          args: ["--migrate"]
          env:
            - name: LOG_LEVEL
              value: {{ $v.logLevel | default $v.global.logLevel | quote }}
            - name: TELEMETRY_ENABLED
              value: "false"
            {{- range $key, $value := .env }}
            - name: {{ $key }}
              value: {{ toString $value | quote }}
            {{- end }}
            {{- include "ecogate-lib.compact" (include "ecogate-lib.databaseSecretEnv" $root) | nindent 12 }}
          resources:
            {{- toYaml $v.migration.resources | nindent 12 }}
          securityContext:
            {{- include "ecogate-lib.containerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with include "ecogate-lib.infraVolumeMounts" (dict "root" $root "postgres" true) }}
            {{- include "ecogate-lib.compact" . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        {{- with include "ecogate-lib.infraVolumes" (dict "root" $root "postgres" true) }}
        {{- include "ecogate-lib.compact" . | nindent 8 }}
        {{- end }}
{{- end }}
{{- end -}}
