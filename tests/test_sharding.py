"""Tests of embedding_lib.sharding: shard shapes, device shards, collectives (Chapter 11).

The JAX checks run in a subprocess, because JAX must be told how many CPU devices to
present before it starts, and the rest of the test session must not be affected.
"""
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import embedding_lib as el


def test_shard_shape_splits_the_chosen_axis():
    assert el.shard_shape((1024, 8), 8, axis=0) == (128, 8)
    assert el.shard_shape((1024, 8), 8, axis=1) == (1024, 1)
    assert el.shard_shape((1024, 8), 4, axis=None) == (1024, 8)
    assert el.shard_shape((12,), 3, axis=0) == (4,)


def test_shard_shape_matches_numpy_array_split():
    table = np.zeros((96, 12))
    for axis in (0, 1):
        pieces = np.array_split(table, 4, axis=axis)
        assert {p.shape for p in pieces} == {el.shard_shape(table.shape, 4, axis)}


@pytest.mark.parametrize("args,error,match", [
    (((100, 8), 8, 0), ValueError, "not a multiple of n_devices=8"),
    (((1024, 8), 8, 2), ValueError, "axis=2 does not exist"),
    (((1024, 8), 0, 0), ValueError, "n_devices"),
    (((1024, 0), 8, 0), ValueError, r"shape\[1\]"),
    (("ab", 8, 0), TypeError, "shape"),
    (((1024, 8), 8, -1), ValueError, "axis"),
])
def test_shard_shape_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        el.shard_shape(*args)


HLO = """
HloModule jit_loss
ENTRY %main {
  %p = s32[32,1]{1,0} parameter(0)
  %all-gather = s32[256,1,1]{2,1,0} all-gather(s32[32,1,1]{2,1,0} %p), dimensions={0}
  %all-reduce.1 = f32[256,1,8]{2,1,0} all-reduce(f32[256,1,8]{2,1,0} %g), to_apply=%add
  %all-reduce.7 = (f32[50,3]{1,0}, /*index=1*/f32[1]{0}) all-reduce(%a, %b), to_apply=%r
  %all-to-all = (f32[1,32,1]{2,1,0}, f32[1,32,1]{2,1,0}) all-to-all(%c, %d), dimensions={0}
  %flag = pred[256,1]{1,0} all-gather(pred[32,1]{1,0} %m), dimensions={0}
  %ags = (bf16[4,2]{1,0}, bf16[16,2]{1,0}) all-gather-start(bf16[4,2]{1,0} %q), dimensions={0}
  %x = f32[256,8]{1,0} add(f32[256,8]{1,0} %y, f32[256,8]{1,0} %z)
  ROOT %t = (f32[]) tuple(%x)
}
"""


def test_collective_bytes_reads_every_collective_with_its_size():
    found = el.collective_bytes(HLO)
    assert [c["op"] for c in found] == ["all-gather", "all-reduce", "all-reduce", "all-to-all",
                                        "all-gather", "all-gather"]
    assert [c["bytes"] for c in found] == [256 * 4, 256 * 8 * 4, (150 + 1) * 4, 2 * 32 * 4, 256, 16 * 2 * 2]
    assert found[2]["shapes"] == ["f32[50,3]", "f32[1]"]


def test_collective_bytes_ignores_ordinary_ops_and_rejects_non_text():
    assert el.collective_bytes("%x = f32[8]{0} add(f32[8]{0} %a, f32[8]{0} %b)") == []
    with pytest.raises(TypeError, match="hlo_text"):
        el.collective_bytes(b"all-reduce")


def test_lookup_traffic_counts_from_the_shapes():
    rows = el.lookup_traffic(256, 8, 1024, 8, layout="rows")
    assert rows == {"ids": 256 * 4, "forward": 256 * 8 * 4, "backward": 256 * 8 * 4,
                    "total": 256 * 4 + 2 * 256 * 8 * 4}
    cols = el.lookup_traffic(256, 8, 1024, 8, layout="columns")
    assert cols["forward"] == cols["backward"] == 256 * 1 * 4 and cols["ids"] == 256 * 5
    assert el.lookup_traffic(256, 8, 1024, 8, layout="replicated")["total"] == 1024 * 8 * 4
    # what rows and columns move does not grow with the table; replication does
    assert el.lookup_traffic(256, 8, 10**6, 8, layout="rows") == rows
    assert el.lookup_traffic(256, 8, 10**6, 8, layout="replicated")["total"] == 10**6 * 32
    assert el.lookup_traffic(256, 8, 1024, 8, layout="rows", dtype="float16")["forward"] == 256 * 8 * 2


@pytest.mark.parametrize("kwargs,match", [
    ({"layout": "diagonal"}, "layout must be one of"),
    ({"layout": "rows", "n_rows": 1001}, "not a multiple"),
    ({"layout": "columns", "dim": 6}, "not a multiple"),
    ({"layout": "rows", "batch_size": 100}, "not a multiple"),
])
def test_lookup_traffic_rejects_bad_input(kwargs, match):
    args = {"batch_size": 256, "dim": 8, "n_rows": 1024, "n_devices": 8} | kwargs
    with pytest.raises(ValueError, match=match):
        el.lookup_traffic(**args)


def test_device_shards_rejects_numpy_arrays():
    with pytest.raises(TypeError, match="addressable_shards"):
        el.device_shards(np.zeros((4, 2)))


JAX_SCRIPT = textwrap.dedent("""
    import json, os
    os.environ["XLA_FLAGS"] = "--xla_force_host_platform_device_count=4"
    os.environ["JAX_PLATFORMS"] = "cpu"
    import jax, numpy as np
    from jax.sharding import Mesh, NamedSharding, PartitionSpec as P
    import embedding_lib as el
    mesh = Mesh(np.array(jax.devices()), ("model",))
    out = {}
    for name, spec in (("rows", P("model", None)), ("columns", P(None, "model")),
                       ("replicated", P(None, None))):
        table = jax.device_put(np.arange(64 * 8, dtype="float32").reshape(64, 8),
                               NamedSharding(mesh, spec))
        ids = jax.device_put(np.arange(16, dtype="int32") * 3, NamedSharding(mesh, P("model")))
        def loss(t, i):
            return jax.numpy.sum(jax.numpy.take(t, i, axis=0) ** 2)
        grad = jax.jit(jax.grad(loss), out_shardings=table.sharding)
        hlo = grad.lower(table, ids).compile().as_text()
        out[name] = {"shards": [(s["shape"], s["bytes"], s["rows"], s["cols"])
                                for s in el.device_shards(table)],
                     "collectives": el.collective_bytes(hlo)}
    print(json.dumps(out))
""")


@pytest.fixture(scope="module")
def jax_run():
    pytest.importorskip("jax")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    done = subprocess.run([sys.executable, "-c", JAX_SCRIPT], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_device_shards_read_a_real_jax_array(jax_run):
    rows = jax_run["rows"]["shards"]
    assert [tuple(s[0]) for s in rows] == [el.shard_shape((64, 8), 4, 0)] * 4
    assert [s[1] for s in rows] == [16 * 8 * 4] * 4
    assert [tuple(s[2]) for s in rows] == [(0, 16), (16, 32), (32, 48), (48, 64)]
    cols = jax_run["columns"]["shards"]
    assert [tuple(s[0]) for s in cols] == [(64, 2)] * 4 and [tuple(s[3]) for s in cols][1] == (2, 4)
    assert [tuple(s[0]) for s in jax_run["replicated"]["shards"]] == [(64, 8)] * 4


def test_collectives_of_a_sharded_lookup_are_those_counted_from_the_shapes(jax_run):
    """A real compiled lookup-and-gradient: row sharding moves what lookup_traffic counts."""
    moved = {name: sum(c["bytes"] for c in run["collectives"]) for name, run in jax_run.items()}
    assert moved["rows"] == el.lookup_traffic(16, 8, 64, 4, layout="rows")["total"]
    assert moved["replicated"] == el.lookup_traffic(16, 8, 64, 4, layout="replicated")["total"]
