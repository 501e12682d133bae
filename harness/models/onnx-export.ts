/**
 * Architecture description -> ONNX bytes (onnx 1.10 schema through onnx-proto: IR version 8,
 * default-domain opset 13). The graph input has a symbolic batch dim named `batch`.
 * Ops used: Gemm, Conv (group = C for depthwise), MaxPool, GlobalAveragePool, Flatten, Transpose,
 * Add, Relu, Sigmoid, Softmax.
 */
import onnxProto from 'onnx-proto';
import type { Activation, LayerSpec, ResolvedArch, ResolvedWeights } from '../arch.js';
import { windowPads } from './shapes.js';

const { onnx } = onnxProto;

/** ONNX IR version and opset this exporter writes. */
export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 13;

type Attr = onnxProto.onnx.IAttributeProto;

function ints(name: string, values: number[]): Attr {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints: values };
}
function int(name: string, value: number): Attr {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i: value };
}

/** Transposes a tfjs conv kernel [kh, kw, in, out] to ONNX [out, in, kh, kw]. */
function hwioToOihw(w: Float32Array, kh: number, kw: number, cin: number, cout: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) {
          out[((o * cin + i) * kh + y) * kw + x] = w[((y * kw + x) * cin + i) * cout + o]!;
        }
  return out;
}

/** Collects nodes and initializers while walking the layers. */
class GraphBuilder {
  readonly nodes: onnxProto.onnx.INodeProto[] = [];
  readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private counter = 0;

  fresh(hint: string): string {
    return `${hint}_${this.counter++}`;
  }

  node(opType: string, inputs: string[], attribute: Attr[] = [], hint = opType.toLowerCase()): string {
    const output = this.fresh(hint);
    this.nodes.push({ opType, input: inputs, output: [output], name: `${opType}_${this.nodes.length}`, attribute });
    return output;
  }

  constant(name: string, data: Float32Array, dims: number[]): string {
    this.initializers.push({
      name,
      dims,
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    });
    return name;
  }

  activation(x: string, act: Activation | undefined): string {
    switch (act ?? 'none') {
      case 'none':
        return x;
      case 'relu':
        return this.node('Relu', [x]);
      case 'sigmoid':
        return this.node('Sigmoid', [x]);
      case 'softmax':
        return this.node('Softmax', [x], [int('axis', -1)]);
    }
  }
}

function emit(
  g: GraphBuilder,
  layers: LayerSpec[],
  x: string,
  dims: number[],
  prefix: string,
  weights: Map<string, ResolvedWeights>,
): { x: string; dims: number[] } {
  let cur = x;
  let curDims = dims;
  layers.forEach((layer, i) => {
    const path = prefix === '' ? String(i) : `${prefix}.${i}`;
    const tag = `l${path.replace(/\./g, '_')}`;
    switch (layer.type) {
      case 'dense': {
        const w = weights.get(path)!;
        const k = g.constant(`${tag}_kernel`, w.kernel, w.kernelDims);
        const b = g.constant(`${tag}_bias`, w.bias, [w.bias.length]);
        cur = g.activation(g.node('Gemm', [cur, k, b]), layer.activation);
        curDims = [layer.units];
        break;
      }
      case 'conv2d':
      case 'depthwiseConv2d': {
        const w = weights.get(path)!;
        const [kh, kw, cin, cout] = w.kernelDims as [number, number, number, number];
        const depthwise = layer.type === 'depthwiseConv2d';
        const oihw = depthwise ? hwioToOihw(w.kernel, kh, kw, cin, 1) : hwioToOihw(w.kernel, kh, kw, cin, cout);
        // Depthwise: tfjs [kh, kw, C, 1] read as in=C, out=1 gives [1, C, kh, kw] = the same bytes as [C, 1, kh, kw].
        const kDims = depthwise ? [cin, 1, kh, kw] : [cout, cin, kh, kw];
        const stride = layer.stride ?? 1;
        const pad = layer.padding ?? 'same';
        const [pt, pb] = windowPads(curDims[1]!, kh, stride, pad);
        const [pl, pr] = windowPads(curDims[2]!, kw, stride, pad);
        const attrs = [
          ints('kernel_shape', [kh, kw]),
          ints('strides', [stride, stride]),
          ints('pads', [pt, pl, pb, pr]),
          ints('dilations', [1, 1]),
          int('group', depthwise ? cin : 1),
        ];
        const k = g.constant(`${tag}_kernel`, oihw, kDims);
        const b = g.constant(`${tag}_bias`, w.bias, [w.bias.length]);
        cur = g.activation(g.node('Conv', [cur, k, b], attrs), layer.activation);
        const outC = depthwise ? cin : cout;
        const ho = pad === 'same' ? Math.ceil(curDims[1]! / stride) : Math.floor((curDims[1]! - kh) / stride) + 1;
        const wo = pad === 'same' ? Math.ceil(curDims[2]! / stride) : Math.floor((curDims[2]! - kw) / stride) + 1;
        curDims = [outC, ho, wo];
        break;
      }
      case 'maxPool2d': {
        const k = layer.size;
        const stride = layer.stride ?? k;
        const pad = layer.padding ?? 'valid';
        const [pt, pb] = windowPads(curDims[1]!, k, stride, pad);
        const [pl, pr] = windowPads(curDims[2]!, k, stride, pad);
        cur = g.node(
          'MaxPool',
          [cur],
          [ints('kernel_shape', [k, k]), ints('strides', [stride, stride]), ints('pads', [pt, pl, pb, pr])],
        );
        const ho = pad === 'same' ? Math.ceil(curDims[1]! / stride) : Math.floor((curDims[1]! - k) / stride) + 1;
        const wo = pad === 'same' ? Math.ceil(curDims[2]! / stride) : Math.floor((curDims[2]! - k) / stride) + 1;
        curDims = [curDims[0]!, ho, wo];
        break;
      }
      case 'globalAvgPool':
        cur = g.node('Flatten', [g.node('GlobalAveragePool', [cur])], [int('axis', 1)]);
        curDims = [curDims[0]!];
        break;
      case 'flatten': {
        const src =
          (layer.order ?? 'chw') === 'hwc' && curDims.length === 3
            ? g.node('Transpose', [cur], [ints('perm', [0, 2, 3, 1])])
            : cur;
        cur = g.node('Flatten', [src], [int('axis', 1)]);
        curDims = [curDims.reduce((a, b) => a * b, 1)];
        break;
      }
      case 'residual': {
        const body = emit(g, layer.body, cur, curDims, `${path}.body`, weights);
        const short =
          layer.shortcut && layer.shortcut.length > 0
            ? emit(g, layer.shortcut, cur, curDims, `${path}.shortcut`, weights)
            : { x: cur, dims: curDims };
        cur = g.activation(g.node('Add', [body.x, short.x]), layer.activation);
        curDims = body.dims;
        break;
      }
    }
  });
  return { x: cur, dims: curDims };
}

/** A graph input/output declaration; a string dim is symbolic (`batch`). */
export function valueInfo(
  name: string,
  dims: Array<number | string>,
  elemType: number = onnx.TensorProto.DataType.FLOAT,
): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** Encodes a resolved architecture as ONNX protobuf bytes. */
export function exportOnnx(arch: ResolvedArch): Uint8Array {
  const desc = arch.description;
  const g = new GraphBuilder();
  const { x, dims } = emit(g, desc.layers, desc.input.name, desc.input.dims, '', arch.weights);
  // Name the final tensor as the declared output with an Identity-free rename of the last node.
  const last = g.nodes[g.nodes.length - 1];
  if (last && last.output && last.output[0] === x) last.output[0] = desc.output.name;
  else g.nodes.push({ opType: 'Identity', input: [x], output: [desc.output.name], name: 'output_identity' });
  return encodeModel({
    name: desc.name,
    node: g.nodes,
    initializer: g.initializers,
    input: [valueInfo(desc.input.name, ['batch', ...desc.input.dims])],
    output: [valueInfo(desc.output.name, ['batch', ...dims])],
  });
}

/** Wraps a graph in a model (IR ONNX_IR_VERSION, opset `opset` (default ONNX_OPSET), producer mlbench) and encodes it. */
export function encodeModel(graph: onnxProto.onnx.IGraphProto, opset = ONNX_OPSET): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    producerName: 'mlbench',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: opset }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
