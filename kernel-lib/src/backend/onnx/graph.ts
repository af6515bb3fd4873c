/**
 * A small builder for the single-purpose ONNX graphs our kernels run: float32 inputs and outputs
 * of known shape, a few nodes, int64 constants for shapes and slice bounds.
 */
import { onnx } from 'onnx-proto';

const FLOAT = 1;
const INT64 = 7;

/** ONNX element types of the tfjs dtypes our graphs exchange. */
const ELEM_TYPE = { float32: 1, int32: 6, bool: 9 } as const;
export type GraphDtype = keyof typeof ELEM_TYPE;
const OPSET = 17;

/** An attribute value: an int, a float, a list of ints or of floats, or a string. */
export type AttrValue = number | number[] | string | { float: number } | { floats: number[] };

function attribute(name: string, value: AttrValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') return { name, type: T.INT, i: value };
  if ('floats' in value) return { name, type: T.FLOATS, floats: value.floats };
  return { name, type: T.FLOAT, f: value.float };
}

function valueInfo(name: string, dims: readonly number[], dtype: GraphDtype): onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: ELEM_TYPE[dtype], shape: { dim: dims.map((d) => ({ dimValue: d })) } } } };
}

export class GraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly domains = new Set<string>();
  private counter = 0;

  /** Declares graph input `x<i>` (in call order) and returns its name. */
  input(dims: readonly number[], dtype: GraphDtype = 'float32'): string {
    const name = `x${this.inputs.length}`;
    this.inputs.push(valueInfo(name, dims, dtype));
    return name;
  }

  /**
   * Adds one node with a single output and returns the output's name. `domain` names an
   * onnxruntime contrib domain (e.g. 'com.microsoft.nchwc', version 1) instead of standard ONNX.
   */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, domain?: string): string {
    const out = `t${this.counter++}`;
    if (domain) this.domains.add(domain);
    this.nodes.push({
      ...(domain ? { domain } : {}),
      opType,
      input: inputs,
      output: [out],
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return out;
  }

  /** An int64 constant (shapes, slice bounds, axes). */
  ints(values: readonly number[]): string {
    const name = `c${this.counter++}`;
    this.initializers.push({ name, dataType: INT64, dims: [values.length], int64Data: [...values] });
    return name;
  }

  /** A float constant of the given shape. */
  floats(values: readonly number[], dims: readonly number[]): string {
    const name = `c${this.counter++}`;
    this.initializers.push({ name, dataType: FLOAT, dims: [...dims], floatData: [...values] });
    return name;
  }

  transpose(x: string, perm: number[]): string {
    return this.op('Transpose', [x], { perm });
  }

  reshape(x: string, dims: readonly number[]): string {
    return this.op('Reshape', [x, this.ints(dims)]);
  }

  /** Marks `value` as graph output `y<i>` (in call order) with the given shape. */
  output(value: string, dims: readonly number[], dtype: GraphDtype = 'float32'): void {
    const name = `y${this.outputs.length}`;
    this.outputs.push(valueInfo(name, dims, dtype));
    // Rename the producing node's output rather than adding an Identity: onnxruntime then writes
    // straight into the caller's pre-allocated buffer instead of into a temporary it copies from.
    const producer = this.nodes.find((n) => n.output?.[0] === value);
    if (!producer || this.outputs.some((o) => o.name === value)) {
      this.nodes.push({ opType: 'Identity', input: [value], output: [name] });
      return;
    }
    producer.output = [name];
    for (const n of this.nodes) n.input = n.input?.map((i) => (i === value ? name : i));
  }

  build(): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'synthlab',
      opsetImport: [{ domain: '', version: OPSET }, ...[...this.domains].map((domain) => ({ domain, version: 1 }))],
      graph: {
        name: 'kernel',
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
