/**
 * Signed V2X messages and TLS identities: the IEEE 1609.2 {@code Ieee1609Dot2Data} envelope in canonical OER
 * ({@link io.cheluyun.edge.security.SecuredMessage}), signing ({@link io.cheluyun.edge.security.MessageSigner}) and
 * verification against registered device certificates ({@link io.cheluyun.edge.security.SignatureVerifier},
 * {@link io.cheluyun.edge.security.TrustStore}), a development PKI ({@link io.cheluyun.edge.security.Pki}) and the
 * TLS contexts for MQTT and WebSocket with client certificates ({@link io.cheluyun.edge.security.TlsContexts},
 * {@link io.cheluyun.edge.security.CertificateIdentity}).
 *
 * <p>"1609.2-style": the envelope, the signature input (1609.2 5.3.1) and the HashedId8 rule (6.4.3) follow the
 * standard, but signers are identified by X.509 certificates from the device registry instead of 1609.2 COER
 * certificates, so a HashedId8 here is taken over the certificate's X.509 DER encoding.
 */
package io.cheluyun.edge.security;
