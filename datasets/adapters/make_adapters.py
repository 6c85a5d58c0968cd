#!/usr/bin/env python3
"""Generate sample PEFT LoRA adapters for HuggingFaceTB/SmolLM2-135M-Instruct.

Why: the benchmark needs adapters that a real vLLM server can load with
``--enable-lora`` / ``/v1/load_lora_adapter``.  These directories hold real
tensors with the exact names, shapes and dtype (F16) PEFT would save for
SmolLM2-135M (LlamaForCausalLM: hidden 576, 30 layers, 9 heads, 3 KV heads,
head_dim 64), filled with small deterministic pseudo-random values.  The
weights are random: model outputs with them are meaningless; they exist only
to exercise adapter loading/switching cost.

What it makes:
  * default: four full adapters (all 30 layers) next to this script:
      math_adapter (r 8, q/v), code_adapter (r 16, q/v),
      sql_adapter (r 8, q/k/v), support_adapter (r 8, q)
  * ``--fixtures DIR``: tiny layer-0-only adapters for unit tests:
      alpha (r 8, q/v), beta (r 16, q), gamma (r 8, v), too_big (r 64, q),
      no_weights (adapter_config.json only), stray_file.txt (a plain file)

Output is deterministic: re-running produces byte-identical files.
Standard library only.  Every written safetensors file is parsed back and
checked (header parses, offsets cover the data exactly, shape*2 == span).

Usage:
  python3 datasets/adapters/make_adapters.py
  python3 datasets/adapters/make_adapters.py --fixtures src/test/resources/adapters
"""

import argparse
import hashlib
import json
import os
import random
import struct
import sys

BASE_MODEL = "HuggingFaceTB/SmolLM2-135M-Instruct"
NUM_LAYERS = 30
HIDDEN = 576
HEAD_DIM = 64
NUM_HEADS = 9
NUM_KV_HEADS = 3

# proj -> (in_features, out_features)
PROJ_DIMS = {
    "q_proj": (HIDDEN, NUM_HEADS * HEAD_DIM),     # 576 -> 576
    "k_proj": (HIDDEN, NUM_KV_HEADS * HEAD_DIM),  # 576 -> 192
    "v_proj": (HIDDEN, NUM_KV_HEADS * HEAD_DIM),  # 576 -> 192
    "o_proj": (NUM_HEADS * HEAD_DIM, HIDDEN),     # 576 -> 576
}

# name: (r, lora_alpha, target_modules)
ADAPTERS = {
    "math_adapter": (8, 16, ["q_proj", "v_proj"]),
    "code_adapter": (16, 32, ["q_proj", "v_proj"]),
    "sql_adapter": (8, 16, ["q_proj", "k_proj", "v_proj"]),
    "support_adapter": (8, 16, ["q_proj"]),
}

# Test fixtures: name: (r, lora_alpha, target_modules, write_weights)
FIXTURES = {
    "alpha": (8, 16, ["q_proj", "v_proj"], True),
    "beta": (16, 32, ["q_proj"], True),
    "gamma": (8, 16, ["v_proj"], True),
    "too_big": (64, 128, ["q_proj"], True),   # valid, but rank above 16
    "no_weights": (8, 16, ["q_proj", "v_proj"], False),
}
FIXTURE_LAYERS = [0]
STRAY_FILE = ("stray_file.txt", "This is a plain file, not a LoRA adapter directory.\n")

A_SCALE = 0.01
B_SCALE = 0.001


def adapter_config(r, alpha, targets):
    return {
        "peft_type": "LORA",
        "base_model_name_or_path": BASE_MODEL,
        "r": r,
        "lora_alpha": alpha,
        "lora_dropout": 0.05,
        "target_modules": list(targets),
        "bias": "none",
        "modules_to_save": None,
        "task_type": "CAUSAL_LM",
        "use_dora": False,
        "use_rslora": False,
        "fan_in_fan_out": False,
        "inference_mode": True,
        "init_lora_weights": True,
        "layers_to_transform": None,
        "revision": None,
    }


def seed_for(name):
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "little")


def f16_bytes(rng, count, scale):
    vals = [rng.gauss(0.0, 1.0) * scale for _ in range(count)]
    return struct.pack("<%de" % count, *vals)


def build_tensors(name, r, targets, layers):
    """Return sorted list of (tensor_name, shape, raw_bytes)."""
    specs = []
    for i in layers:
        for proj in targets:
            fin, fout = PROJ_DIMS[proj]
            prefix = "base_model.model.model.layers.%d.self_attn.%s" % (i, proj)
            specs.append((prefix + ".lora_A.weight", [r, fin], A_SCALE))
            specs.append((prefix + ".lora_B.weight", [fout, r], B_SCALE))
    specs.sort(key=lambda s: s[0])
    rng = random.Random(seed_for(name))
    out = []
    for tname, shape, scale in specs:
        out.append((tname, shape, f16_bytes(rng, shape[0] * shape[1], scale)))
    return out


def encode_safetensors(tensors):
    header = {"__metadata__": {"format": "pt"}}
    offset = 0
    for tname, shape, data in tensors:
        header[tname] = {
            "dtype": "F16",
            "shape": shape,
            "data_offsets": [offset, offset + len(data)],
        }
        offset += len(data)
    hjson = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((-len(hjson)) % 8)
    return struct.pack("<Q", len(hjson)) + hjson + b"".join(d for _, _, d in tensors)


def verify_safetensors(path, expected=None):
    """Parse a safetensors file back; raise on any inconsistency.

    expected: optional dict tensor_name -> shape. Returns number of tensors.
    """
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError("%s: too short" % path)
    (n,) = struct.unpack("<Q", blob[:8])
    if n % 8 != 0 or 8 + n > len(blob):
        raise ValueError("%s: bad header length %d" % (path, n))
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", None)
    if meta != {"format": "pt"}:
        raise ValueError("%s: unexpected __metadata__ %r" % (path, meta))
    data_len = len(blob) - 8 - n
    spans = []
    for tname, info in header.items():
        if info["dtype"] != "F16":
            raise ValueError("%s: %s dtype %s" % (path, tname, info["dtype"]))
        b, e = info["data_offsets"]
        numel = 1
        for d in info["shape"]:
            numel *= d
        if e - b != numel * 2:
            raise ValueError("%s: %s span %d != %d" % (path, tname, e - b, numel * 2))
        spans.append((b, e, tname))
    spans.sort()
    pos = 0
    for b, e, tname in spans:
        if b != pos:
            raise ValueError("%s: gap/overlap at %s (%d != %d)" % (path, tname, b, pos))
        pos = e
    if pos != data_len:
        raise ValueError("%s: offsets cover %d bytes, data is %d" % (path, pos, data_len))
    # values must decode and be finite
    data = blob[8 + n:]
    for v in struct.unpack("<%de" % (data_len // 2), data):
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError("%s: non-finite value" % path)
    if expected is not None:
        got = {k: v["shape"] for k, v in header.items()}
        if got != expected:
            raise ValueError("%s: tensor names/shapes differ from expected" % path)
    return len(header)


def write_adapter(out_dir, name, r, alpha, targets, layers, with_weights=True):
    d = os.path.join(out_dir, name)
    os.makedirs(d, exist_ok=True)
    cfg = json.dumps(adapter_config(r, alpha, targets), indent=2, sort_keys=True) + "\n"
    with open(os.path.join(d, "adapter_config.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(cfg)
    st_path = os.path.join(d, "adapter_model.safetensors")
    if not with_weights:
        if os.path.exists(st_path):
            os.remove(st_path)
        print("%-18s r=%-3d alpha=%-4d targets=%s (config only)" % (name, r, alpha, ",".join(targets)))
        return
    tensors = build_tensors(name, r, targets, layers)
    with open(st_path, "wb") as f:
        f.write(encode_safetensors(tensors))
    count = verify_safetensors(st_path, {t: s for t, s, _ in tensors})
    print("%-18s r=%-3d alpha=%-4d targets=%-22s layers=%-2d tensors=%-3d bytes=%d  OK"
          % (name, r, alpha, ",".join(targets), len(layers), count, os.path.getsize(st_path)))


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=here,
                   help="directory for the full sample adapters (default: this script's dir)")
    p.add_argument("--fixtures", metavar="DIR",
                   help="write tiny test-fixture adapters into DIR instead")
    p.add_argument("--check", nargs="+", metavar="FILE",
                   help="only verify the given safetensors files")
    args = p.parse_args(argv)

    if args.check:
        for path in args.check:
            print("%s: %d tensors OK" % (path, verify_safetensors(path)))
        return 0

    if args.fixtures:
        os.makedirs(args.fixtures, exist_ok=True)
        for name, (r, alpha, targets, weights) in FIXTURES.items():
            write_adapter(args.fixtures, name, r, alpha, targets, FIXTURE_LAYERS, weights)
        fname, content = STRAY_FILE
        with open(os.path.join(args.fixtures, fname), "w", encoding="utf-8", newline="\n") as f:
            f.write(content)
        print("%-18s plain file" % fname)
        return 0

    for name, (r, alpha, targets) in ADAPTERS.items():
        write_adapter(args.out, name, r, alpha, targets, range(NUM_LAYERS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
