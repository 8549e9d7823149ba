"""check_seed.py: generating and importing the protobuf modules, and reading
the JSON-lines files as compdata.v1 messages."""

import atexit
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

from seed_checks_common import GOOGLEAPIS, PROTO_DIR, problem


# --------------------------------------------------------------- modules
def load_modules(pyout):
    if pyout is None:
        pyout = tempfile.mkdtemp(prefix="compdata-pyout-")
        atexit.register(shutil.rmtree, pyout, ignore_errors=True)
        protos = sorted(glob.glob(os.path.join(PROTO_DIR, "compdata", "v1", "*.proto")))
        cmd = ["protoc", "-I", PROTO_DIR]
        extra = [os.path.join(GOOGLEAPIS, "google", "type", n)
                 for n in ("money.proto", "date.proto")]
        if all(os.path.exists(p) for p in extra):
            cmd += ["-I", GOOGLEAPIS] + protos + extra
        else:  # common.proto alone needs only the well-known types
            cmd += [os.path.join(PROTO_DIR, "compdata", "v1", "common.proto")]
        cmd.insert(1, "--python_out=" + pyout)
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            print("protoc failed:\n" + res.stderr, file=sys.stderr)
            sys.exit(2)
    sys.path.insert(0, pyout)
    try:
        from google.protobuf import json_format  # noqa: F401
        from compdata.v1 import common_pb2
    except ImportError as e:
        print(f"cannot import generated modules from {pyout}: {e} "
              "(run with /usr/bin/python3, which has python3-protobuf)",
              file=sys.stderr)
        sys.exit(2)
    return common_pb2


# --------------------------------------------------------------- JSON lines
def check_raw_json(where, obj, descriptor):
    """Field names must be the proto names; enums must be value names."""
    from google.protobuf.descriptor import FieldDescriptor as FD
    if not isinstance(obj, dict):
        problem(where, "not a JSON object")
        return
    fields = {f.name: f for f in descriptor.fields}
    for key, value in obj.items():
        f = fields.get(key)
        if f is None:
            problem(where, f"field {key!r} is not a proto field name of "
                           f"{descriptor.full_name}")
            continue
        values = value if (f.label == FD.LABEL_REPEATED and isinstance(value, list)) else [value]
        for v in values:
            if f.type == FD.TYPE_ENUM:
                if not isinstance(v, str):
                    problem(where, f"enum field {key!r} must be written as a value name, got {v!r}")
                elif v.endswith("_UNSPECIFIED"):
                    problem(where, f"{key} is {v}")
            elif f.type == FD.TYPE_MESSAGE:
                check_raw_json(f"{where}.{key}", v, f.message_type)


def read_jsonl(path, msg_class):
    from google.protobuf import json_format
    name = os.path.basename(path)
    out = []
    if not os.path.exists(path):
        problem(name, "missing")
        return out
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(name, f"not UTF-8: {e}")
        return out
    if text and not text.endswith("\n"):
        problem(name, "last line does not end with a newline")
    for n, line in enumerate(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"), 1):
        where = f"{name}:{n}"
        if not line.strip():
            problem(where, "blank line")
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as e:
            problem(where, f"invalid JSON: {e}")
            continue
        check_raw_json(where, raw, msg_class.DESCRIPTOR)
        msg = msg_class()
        try:
            json_format.Parse(line, msg)
        except json_format.ParseError as e:
            problem(where, f"json_format.Parse: {e}")
            continue
        out.append((where, msg))
    return out

