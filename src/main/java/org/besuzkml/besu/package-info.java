/**
 * The Besu adapter: {@link org.besuzkml.besu.ZkmlPlugin} (a BesuPlugin found through
 * META-INF/services) installs {@link org.besuzkml.besu.ZkmlPrecompiledContract}, a thin wrapper of
 * the Besu-independent {@link org.besuzkml.precompile.ZkmlPrecompile}, into every protocol spec's
 * precompile registry, and serves the {@code zkml} JSON-RPC namespace. Compiled against the
 * compile-only Besu API in src/besu-api; the plugin jar holds only this, the precompile and the
 * verifier side.
 */
package org.besuzkml.besu;
