{{/*
Secure defaults of every pod and container: a fixed non-root user (10001, as the images are built),
read-only root filesystem (writable paths are emptyDir or PVC mounts), no privilege escalation, no
capabilities, the runtime's seccomp profile, no service-account token.
*/}}
{{- define "ecogate-lib.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "ecogate-lib.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}
