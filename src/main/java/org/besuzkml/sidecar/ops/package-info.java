/**
 * Operations: Prometheus metrics, JSON-line logs, the operator's admin token and the requesters'
 * per-job cancel tokens.
 */
package org.besuzkml.sidecar.ops;
