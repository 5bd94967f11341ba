package telemetry

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the hub's Prometheus metrics, on a registry of their own.
type Metrics struct {
	Registry          *prometheus.Registry
	HTTPRequests      *prometheus.CounterVec
	HTTPDuration      *prometheus.HistogramVec
	GraphQLOperations *prometheus.CounterVec
	GraphQLDuration   *prometheus.HistogramVec
	Jobs              *prometheus.CounterVec
	JobDuration       *prometheus.HistogramVec
}

// NewMetrics registers the hub's metrics plus the Go runtime's.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		HTTPRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "switchboard_http_requests_total", Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		HTTPDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "switchboard_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		GraphQLOperations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "switchboard_graphql_operations_total", Help: "GraphQL operations by type.",
		}, []string{"type"}),
		GraphQLDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "switchboard_graphql_operation_duration_seconds", Help: "GraphQL query and mutation latency.",
			Buckets: prometheus.DefBuckets,
		}, []string{"type"}),
		Jobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "switchboard_river_jobs_total", Help: "River jobs worked, by kind and outcome.",
		}, []string{"kind", "outcome"}),
		JobDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "switchboard_river_job_duration_seconds", Help: "River job run time by kind.",
			Buckets: prometheus.DefBuckets,
		}, []string{"kind"}),
	}
	m.Registry.MustRegister(
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.HTTPRequests, m.HTTPDuration, m.GraphQLOperations, m.GraphQLDuration, m.Jobs, m.JobDuration,
	)
	return m
}
