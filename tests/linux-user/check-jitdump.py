#!/usr/bin/env python3
"""check-jitdump.py DUMP MAP PID: DUMP is a jitdump file as perf's
jitdump-specification.txt lays it out (header: magic 'JiTD', version 1,
its size, EM_X86_64, the pid; then records id/size/timestamp), with one
JIT_CODE_LOAD per line of the perf map MAP (same address, size and name,
code_size bytes of code following the name, increasing code_index and
timestamps) and a JIT_CODE_CLOSE last."""
import struct
import sys

dump, mapfile, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(dump, 'rb').read()
magic, version, hsize, mach, _pad, hpid, _ts, _flags = struct.unpack_from('<IIIIIIQQ', data, 0)
assert magic == 0x4A695444, 'magic %#x' % magic
assert version == 1 and hsize == 40 and mach == 62 and hpid == pid, (version, hsize, mach, hpid)
want = [l.split(' ', 2) for l in open(mapfile).read().splitlines()]
loads, pos, last_ts, closed = [], hsize, 0, False
while pos < len(data):
    rid, size, ts = struct.unpack_from('<IIQ', data, pos)
    assert size >= 16 and pos + size <= len(data), 'record at %d' % pos
    assert ts >= last_ts, 'timestamps go back at %d' % pos
    last_ts = ts
    if rid == 0:
        rpid, tid, vma, addr, csize, index = struct.unpack_from('<IIQQQQ', data, pos + 16)
        name_end = data.index(b'\0', pos + 56)
        name = data[pos + 56:name_end].decode()
        assert rpid == pid and vma == addr, (rpid, vma, addr)
        assert name_end + 1 + csize == pos + size, 'code size of %s' % name
        assert index == len(loads), 'code_index %d' % index
        loads.append(['%x' % addr, '%x' % csize, name])
    elif rid == 3:
        closed = True
        assert pos + size == len(data), 'JIT_CODE_CLOSE not last'
    else:
        raise AssertionError('unexpected record id %d' % rid)
    pos += size
assert closed, 'no JIT_CODE_CLOSE'
assert loads == want, 'loads differ from the map: %d vs %d' % (len(loads), len(want))
