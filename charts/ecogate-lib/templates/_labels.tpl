{{/* Selector labels: (dict "root" $ "component" "push"); the component is optional. */}}
{{- define "ecogate-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{/* Selector labels of another service of the release: (dict "root" $ "service" "ledger"). */}}
{{- define "ecogate-lib.peerSelectorLabels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The standard labels of every object: (dict "root" $ "component" ...). */}}
{{- define "ecogate-lib.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "ecogate-lib.selectorLabels" . }}
app.kubernetes.io/version: {{ include "ecogate-lib.imageTag" .root | trunc 63 | quote }}
app.kubernetes.io/part-of: ecogate
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* Annotations of every object: the city, when named. */}}
{{- define "ecogate-lib.annotations" -}}
{{- with .Values.global.city }}
ecogate.io/city: {{ . | quote }}
{{- end }}
{{- end -}}
