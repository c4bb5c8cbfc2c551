// Protocol buffers wire format, reading only: varints, length-delimited fields, fixed 32/64.
export class ProtobufFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufFormatError';
  }
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

export interface WireField {
  number: number;
  wireType: number;
  /** varint / fixed values */
  value: bigint;
  /** length-delimited payload */
  bytes: Uint8Array | undefined;
}

export class WireReader {
  readonly #buf: Uint8Array;
  #pos = 0;

  constructor(buf: Uint8Array) {
    this.#buf = buf;
  }

  get done(): boolean {
    return this.#pos >= this.#buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.#pos >= this.#buf.length) throw new ProtobufFormatError('truncated varint');
      const byte = this.#buf[this.#pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new ProtobufFormatError('varint too long');
    }
  }

  #take(n: number): Uint8Array {
    if (this.#pos + n > this.#buf.length) throw new ProtobufFormatError('truncated field');
    const out = this.#buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  next(): WireField {
    const key = Number(this.varint());
    const number = key >>> 3;
    const wireType = key & 7;
    switch (wireType) {
      case WIRE_VARINT:
        return { number, wireType, value: this.varint(), bytes: undefined };
      case WIRE_FIXED64: {
        const b = this.#take(8);
        return { number, wireType, value: Buffer.from(b).readBigUInt64LE(0), bytes: undefined };
      }
      case WIRE_LENGTH_DELIMITED: {
        const len = Number(this.varint());
        return { number, wireType, value: 0n, bytes: this.#take(len) };
      }
      case WIRE_FIXED32: {
        const b = this.#take(4);
        return { number, wireType, value: BigInt(Buffer.from(b).readUInt32LE(0)), bytes: undefined };
      }
      default:
        throw new ProtobufFormatError(`unsupported wire type ${wireType}`);
    }
  }
}
