/**
 * Runtime of the ITU-T X.691 Unaligned PER (UPER) codec: the bit-level primitives that generated encoders and
 * decoders call. {@link io.cheluyun.asn1.per.BitWriter} and {@link io.cheluyun.asn1.per.BitReader} each implement
 * the encoding procedures of X.691 (08/2015) clause 11 (constrained, semi-constrained, unconstrained and normally
 * small whole numbers; length determinants with fragmentation; open types) and the string clauses 16, 17 and 30.4,
 * UNALIGNED variant only: no primitive ever pads to an octet boundary, except a complete encoding (11.1) and the
 * content of an open type (11.2).
 *
 * <p>Error model. Decoding treats its input as hostile: the only exception it lets escape for bad input is the
 * checked {@link io.cheluyun.asn1.per.DecodeException}, which carries the bit offset of the offending item and,
 * once generated code adds it, the field path. Encoding a value that breaks its constraint throws the unchecked
 * {@link io.cheluyun.asn1.per.EncodeException}. Arguments only a bug can produce (bounds with {@code lb > ub}, bit
 * counts above 64, SIZE bounds passed to the wrong primitive) are {@link java.lang.IllegalArgumentException}s.
 *
 * <p>Size constraints are passed as {@code (lb, ub)} with {@code ub < 0} meaning no upper bound. A fixed size below
 * 64K has no length determinant; an upper bound below 64K gives a constrained length; anything else (no bound, a
 * bound of 64K or more, a fixed size of 64K or more) gives the general length with fragmentation, as X.691 11.9.1,
 * 11.9.4 and 16.10 / 17.7 / 30.4.6 require.
 */
package io.cheluyun.asn1.per;
