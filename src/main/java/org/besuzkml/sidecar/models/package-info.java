/**
 * The models a sidecar serves ({@link org.besuzkml.sidecar.models.ModelCatalog}: pk.bzkk loaded
 * once, a warm-up proof measured) and request inputs in the engine's integers
 * ({@link org.besuzkml.sidecar.models.QuantizedInput}: validation, canonical encoding, dedup key).
 */
package org.besuzkml.sidecar.models;
