/**
 * Chain submission for the sidecar: a proved job with {@code submit} is sent on chain through
 * {@code org.besuzkml.chain}, its transaction hash stored before it is awaited, and taken up again
 * by hash after a restart.
 */
package org.besuzkml.sidecar.submit;
