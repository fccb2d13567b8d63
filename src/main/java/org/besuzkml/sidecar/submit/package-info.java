/**
 * Chain submission for the sidecar: a proved job with {@code submit} is sent on chain through
 * {@code org.besuzkml.chain}, its signed transaction stored (bytes, hash, nonce) before it is sent,
 * and the same bytes sent again and awaited after a restart: never signed twice.
 */
package org.besuzkml.sidecar.submit;
