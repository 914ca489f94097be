{{/*
Names. A service's objects are `<release>-<chart>`, always: other charts of the release address it
by that name (`ecogate-lib.peerName`), so there is no fullnameOverride.
*/}}
{{- define "ecogate-lib.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Another service of the same release: (dict "root" $ "service" "ledger"). */}}
{{- define "ecogate-lib.peerName" -}}
{{- printf "%s-%s" .root.Release.Name .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* A workload of this service: (dict "root" $ "component" "push"); no component: the fullname. */}}
{{- define "ecogate-lib.componentName" -}}
{{- $base := include "ecogate-lib.fullname" .root -}}
{{- if .component -}}
{{- printf "%s-%s" $base .component | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $base -}}
{{- end -}}
{{- end -}}

{{/* http://<peer>:<port>, the in-cluster base URL of another service: (dict "root" $ "service" "ledger" "port" 8080). */}}
{{- define "ecogate-lib.peerUrl" -}}
{{- printf "http://%s:%v" (include "ecogate-lib.peerName" .) .port -}}
{{- end -}}
