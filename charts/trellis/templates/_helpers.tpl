{{/* Chart name, truncated to a DNS label. */}}
{{- define "trellis.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; room is left for the longest suffix ("-controller-metrics"). */}}
{{- define "trellis.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "trellis.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "trellis.labels" -}}
helm.sh/chart: {{ include "trellis.chart" . }}
app.kubernetes.io/name: {{ include "trellis.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: trellis
{{- end }}

{{/* Selector labels of one component: include "trellis.selectorLabels" (list . "api") */}}
{{- define "trellis.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "trellis.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "trellis.componentLabels" -}}
{{- $root := index . 0 -}}
{{ include "trellis.labels" $root }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "trellis.apiServiceAccountName" -}}
{{- if .Values.api.serviceAccount.create }}
{{- default (printf "%s-api" (include "trellis.fullname" .)) .Values.api.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.api.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "trellis.controllerServiceAccountName" -}}
{{- if .Values.controller.serviceAccount.create }}
{{- default (printf "%s-controller" (include "trellis.fullname" .)) .Values.controller.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.controller.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The admin token Secret and key hub-api reads. */}}
{{- define "trellis.adminTokenSecretName" -}}
{{- default (printf "%s-admin-token" (include "trellis.fullname" .)) .Values.adminToken.existingSecret }}
{{- end }}

{{- define "trellis.adminTokenSecretKey" -}}
{{- if .Values.adminToken.existingSecret }}{{ .Values.adminToken.existingSecretKey }}{{ else }}token{{ end }}
{{- end }}

{{/* The Secret and key holding REDIS_URL: the user's, or the one made for the bundled Redis. */}}
{{- define "trellis.redisSecretName" -}}
{{- if .Values.redis.existingSecret }}{{ .Values.redis.existingSecret }}{{ else }}{{ include "trellis.fullname" . }}-redis{{ end }}
{{- end }}

{{- define "trellis.redisSecretKey" -}}
{{- if .Values.redis.existingSecret }}{{ .Values.redis.existingSecretKey }}{{ else }}url{{ end }}
{{- end }}

{{/* Checks JSON Schema cannot express (choices between values). */}}
{{- define "trellis.validate" -}}
{{- if and .Values.redis.existingSecret .Values.redis.bundled.enabled }}
{{- fail "redis: set either redis.existingSecret (your Redis) or redis.bundled.enabled=true (trial Redis), not both" }}
{{- end }}
{{- if and (not .Values.redis.existingSecret) (not .Values.redis.bundled.enabled) }}
{{- fail "redis: hub-controller needs Redis: set redis.existingSecret to a Secret holding the URL (key redis.existingSecretKey), or redis.bundled.enabled=true for a trial" }}
{{- end }}
{{- end }}

{{/*
The trellis.dev resources, read from the chart's own CRD files so RBAC follows the CRDs that
scripts/generate-crds.ts writes: a new kind gets exactly the same verbs, nothing more.
*/}}
{{- define "trellis.crdPlurals" -}}
{{- $plurals := list }}
{{- range $path, $_ := .Files.Glob "crds/trellis.dev_*.yaml" }}
{{- $crd := fromYaml ($.Files.Get $path) }}
{{- $plurals = append $plurals $crd.spec.names.plural }}
{{- end }}
{{- toJson (sortAlpha $plurals) }}
{{- end }}

{{- define "trellis.crdNames" -}}
{{- $names := list }}
{{- range $path, $_ := .Files.Glob "crds/trellis.dev_*.yaml" }}
{{- $crd := fromYaml ($.Files.Get $path) }}
{{- $names = append $names $crd.metadata.name }}
{{- end }}
{{- toJson (sortAlpha $names) }}
{{- end }}

{{- define "trellis.image" -}}
{{- printf "%s:%s" .repository .tag }}
{{- end }}
