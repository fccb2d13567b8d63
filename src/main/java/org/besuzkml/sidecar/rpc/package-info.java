/**
 * The HTTP surface: {@link org.besuzkml.sidecar.rpc.RpcDispatcher} (JSON-RPC 2.0, batches, a table
 * from method name to handler, error codes in {@link org.besuzkml.sidecar.rpc.RpcError}),
 * {@link org.besuzkml.sidecar.rpc.ZkmlMethods} (the zkml_* methods) and
 * {@link org.besuzkml.sidecar.rpc.HttpApi} (the Vert.x router: /rpc, server-sent events, /metrics,
 * /health, /ready). Only HttpApi touches Vert.x.
 */
package org.besuzkml.sidecar.rpc;
