#!/usr/bin/python3
"""Outside truth for the onnx module's tests, made once with PyTorch (Debian: python3-torch python3-torchvision
python3-onnx) and committed with this script:

  lenet5.onnx, resnet20.onnx          torch.onnx.export of a LeNet-5 and a CIFAR-style ResNet-20 (opset 13, batch
                                      dimension symbolic "N")
  resnet20.safetensors                ResNet-20's state dict in PyTorch's names (written by save_safetensors below)
  lenet5-io.safetensors, resnet20-io.safetensors, resnet18-io.safetensors
                                      a fixed input batch ("input") and PyTorch's float32 outputs ("output")

torchvision's ResNet-18 (11.7 M parameters, 45 MB) is not committed: its weights come from weight_values below, a
formula the Java tests reproduce bit for bit (TorchFormula), so only its input and PyTorch's outputs are, and
  resnet18-graph.onnx                 its torch.onnx.export with the initializers' data removed (their names and
                                      shapes kept in the metadata entry "stripped_initializers"): PyTorch folds each
                                      batch norm into the convolution before it, which the Java test redoes.

Every weight is a function of the tensor's name and the element's index (no random generator state), so the files
are the same on every run and machine:

  seed(name) = polynomial hash of the name's characters, base 31, mod 2^30
  x_i        = lowbias32((i + seed) * 2654435761 mod 2^32)        (a 32-bit integer hash)
  u_i        = x_i / 2^32                                          in [0, 1)
  value      = (2 u_i - 1) * sqrt(6 / fan_in) for kernels and matrices, 1 + 0.2 (2 u_i - 1) for batch-norm scales,
               0.1 (2 u_i - 1) for biases and running means, 0.75 + 0.5 u_i for running variances,
               2 u_i - 1 for inputs; computed in float64, rounded to float32.

Run from the repository root:  /usr/bin/python3 onnx/scripts/make_reference.py [--resnet18-onnx /tmp/resnet18.onnx]
"""
import argparse
import json
import math
import os
import struct
import sys

import torch
import torch.nn as nn
import torchvision

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "pytorch")
MASK = (1 << 32) - 1


def name_seed(name):
    h = 0
    for c in name:
        h = (h * 31 + ord(c)) % (1 << 30)
    return h


def uniform(name, count):
    i = torch.arange(count, dtype=torch.int64)
    x = ((i + name_seed(name)) * 2654435761) & MASK
    x = x ^ (x >> 16)
    x = (x * 0x45D9F3B) & MASK
    x = x ^ (x >> 16)
    x = (x * 0x45D9F3B) & MASK
    x = x ^ (x >> 16)
    return x.to(torch.float64) / 4294967296.0


def weight_values(name, shape):
    n = math.prod(shape)
    u = uniform(name, n)
    if name.endswith("running_var"):
        v = 0.75 + 0.5 * u
    elif name.endswith("running_mean") or name.endswith("bias"):
        v = (2 * u - 1) * 0.1
    elif len(shape) == 1:
        v = 1 + (2 * u - 1) * 0.2
    else:
        fan_in = math.prod(shape[1:])
        v = (2 * u - 1) * math.sqrt(6.0 / fan_in)
    return v.to(torch.float32).reshape(shape)


def set_formula_weights(model):
    state = model.state_dict()
    for name, t in state.items():
        if t.dtype == torch.int64:
            continue
        t.copy_(weight_values(name, list(t.shape)))
    model.load_state_dict(state)


def formula_input(shape):
    return (2 * uniform("input", math.prod(shape)) - 1).to(torch.float32).reshape(shape)


DTYPES = {torch.float32: "F32", torch.int64: "I64", torch.float64: "F64"}


def save_safetensors(tensors, path, metadata=None):
    """The safetensors format: 8-byte little-endian header length, a JSON header, the raw little-endian tensors."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().cpu().numpy().tobytes()  # little-endian: asserted in main()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool1 = nn.AvgPool2d(2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.pool2 = nn.MaxPool2d(2)
        self.conv3 = nn.Conv2d(16, 120, 5)
        self.fc1 = nn.Linear(120, 84)
        self.fc2 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool1(torch.tanh(self.conv1(x)))
        x = self.pool2(torch.relu(self.conv2(x)))
        x = torch.tanh(self.conv3(x))
        x = torch.flatten(x, 1)
        x = torch.sigmoid(self.fc1(x))
        return self.fc2(x)


class CifarBlock(nn.Module):
    """He et al.'s CIFAR basic block with a 1x1 projection shortcut (option B) where the shape changes."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + self.shortcut(x))


class ResNet20(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        layers, cin = [], 16
        for cout, stride in ((16, 1), (32, 2), (64, 2)):
            for b in range(3):
                layers.append(CifarBlock(cin, cout, stride if b == 0 else 1))
                cin = cout
        self.layers = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = self.pool(self.layers(x))
        return self.fc(torch.flatten(x, 1))


def export_onnx(model, x, path):
    kwargs = dict(opset_version=13, input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
    try:
        torch.onnx.export(model, x, path, dynamo=False, **kwargs)
    except TypeError:
        torch.onnx.export(model, x, path, **kwargs)
    import onnx
    onnx.checker.check_model(onnx.load(path))


def reference(name, model, input_shape, onnx_file=True, weights_file=False):
    set_formula_weights(model)
    model.eval()
    x = formula_input(input_shape)
    with torch.no_grad():
        y = model(x)
    save_safetensors({"input": x, "output": y}, os.path.join(OUT, name + "-io.safetensors"),
                     {"torch": torch.__version__})
    if onnx_file:
        export_onnx(model, x, os.path.join(OUT, name + ".onnx"))
    if weights_file:
        save_safetensors(model.state_dict(), os.path.join(OUT, name + ".safetensors"))
    print(name, tuple(y.shape), "max |y| =", float(y.abs().max()))
    return model, x


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resnet18-onnx", help="also export torchvision's ResNet-18 here (45 MB; not committed)")
    args = parser.parse_args()
    assert sys.byteorder == "little"
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    reference("lenet5", LeNet5(), (4, 1, 32, 32))
    reference("resnet20", ResNet20(), (2, 3, 32, 32), weights_file=True)
    model, x = reference("resnet18", torchvision.models.resnet18(weights=None), (2, 3, 224, 224), onnx_file=False)
    full = args.resnet18_onnx or os.path.join(OUT, "resnet18-full.onnx.tmp")
    export_onnx(model, x, full)
    strip_initializers(full, os.path.join(OUT, "resnet18-graph.onnx"))
    if not args.resnet18_onnx:
        os.remove(full)


def strip_initializers(source, target):
    import onnx
    m = onnx.load(source)
    kept = [[t.name, list(t.dims)] for t in m.graph.initializer]
    del m.graph.initializer[:]
    m.metadata_props.add(key="stripped_initializers", value=json.dumps(kept))
    onnx.save(m, target)


if __name__ == "__main__":
    main()
