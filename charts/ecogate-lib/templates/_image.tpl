{{/* The image tag: the service's, else the release's (`global.imageTag`), else the chart's appVersion. Never `latest`. */}}
{{- define "ecogate-lib.imageTag" -}}
{{- $tag := .Values.image.tag | default .Values.global.imageTag | default .Chart.AppVersion | toString -}}
{{- if or (eq $tag "latest") (eq $tag "") -}}
{{- fail (printf "%s: the image tag must name a release (got %q); set image.tag or global.imageTag" .Chart.Name $tag) -}}
{{- end -}}
{{- $tag -}}
{{- end -}}

{{/* <registry>/<repository>:<tag>, or @<digest> when the digest pins it. */}}
{{- define "ecogate-lib.image" -}}
{{- $registry := .Values.image.registry | default .Values.global.imageRegistry | trimSuffix "/" -}}
{{- $repository := .Values.image.repository | default .Chart.Name -}}
{{- if .Values.image.digest -}}
{{- printf "%s/%s@%s" $registry $repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s/%s:%s" $registry $repository (include "ecogate-lib.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{- define "ecogate-lib.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}
