#!/usr/bin/env python3
"""Minimal, independent C3D reader (Python standard library only) used by the Polypose export tests.

Written from the C3D file format description (c3d.org "The C3D File Format User Guide"), not from Polypose's writer:
it parses the 512-byte header, walks the parameter section record by record (groups have negative ids; each record
points to the next; a pointer of 0 ends the section) and decodes the 3D point data for Intel (processor 84) files,
float (scale < 0) or integer (scale > 0) storage. Analog data is skipped.

Usage: read_c3d.py FILE.c3d  -> prints one JSON object:
  {"header": {...}, "processor": 84, "groups": {"POINT": {"USED": ..., "LABELS": [...], ...}, ...},
   "frames": [[[x, y, z, residual, camera_mask], ... per point], ... per frame]}
A point whose residual word is negative is reported with residual -1 and null coordinates.
"""
import json
import struct
import sys


def read_params(data, start_block):
    base = (start_block - 1) * 512
    processor = data[base + 3]
    if processor != 84:
        raise SystemExit(f"only Intel (84) files are handled; processor byte is {processor}")
    pos = base + 4
    groups_by_id = {}
    params = []  # (group id, name, value)
    while True:
        name_len = struct.unpack_from('<b', data, pos)[0]
        if name_len == 0:
            break
        gid = struct.unpack_from('<b', data, pos + 1)[0]
        n = abs(name_len)
        name = data[pos + 2:pos + 2 + n].decode('ascii')
        ptr_at = pos + 2 + n
        offset = struct.unpack_from('<h', data, ptr_at)[0]
        if gid < 0:
            groups_by_id[-gid] = name
        else:
            kind = struct.unpack_from('<b', data, ptr_at + 2)[0]
            ndims = data[ptr_at + 3]
            dims = list(data[ptr_at + 4:ptr_at + 4 + ndims])
            at = ptr_at + 4 + ndims
            count = 1
            for d in dims:
                count *= d
            size = abs(kind)
            raw = data[at:at + count * size]
            if kind == -1:
                if ndims <= 1:
                    value = raw.decode('ascii').rstrip()
                else:
                    width = dims[0]
                    value = [raw[i * width:(i + 1) * width].decode('ascii').rstrip() for i in range(count // width)]
            else:
                code = {1: 'b', 2: 'h', 4: 'f'}[kind]
                values = list(struct.unpack('<' + code * count, raw))
                value = values[0] if ndims == 0 else values
            params.append((gid, name, value))
        if offset == 0:
            break
        pos = ptr_at + offset
    groups = {name: {} for name in groups_by_id.values()}
    for gid, name, value in params:
        groups.setdefault(groups_by_id.get(gid, f"#{gid}"), {})[name] = value
    return processor, groups


def main(path):
    with open(path, 'rb') as f:
        data = f.read()
    param_block, key = data[0], data[1]
    if key != 0x50:
        raise SystemExit(f"{path}: not a C3D file (byte 2 is {key:#x}, expected 0x50)")
    points, analog_per_frame, first, last, max_gap = struct.unpack_from('<HHHHH', data, 2)
    scale = struct.unpack_from('<f', data, 12)[0]
    data_start = struct.unpack_from('<H', data, 16)[0]
    rate = struct.unpack_from('<f', data, 20)[0]
    processor, groups = read_params(data, param_block)
    point = groups.get('POINT', {})
    labels = []
    for key_name in ['LABELS'] + [f'LABELS{i}' for i in range(2, 100)]:
        if key_name in point:
            labels += point[key_name]
    point['ALL_LABELS'] = labels
    n_frames = last - first + 1
    frames = []
    pos = (data_start - 1) * 512
    floating = scale < 0
    for _ in range(n_frames):
        frame = []
        for _ in range(points):
            if floating:
                x, y, z, w = struct.unpack_from('<ffff', data, pos)
                pos += 16
                word = int(w)
            else:
                x, y, z, word = struct.unpack_from('<hhhh', data, pos)
                pos += 8
                x, y, z = x * scale, y * scale, z * scale
            if w < 0 if floating else word < 0:
                frame.append([None, None, None, -1, 0])
            else:
                residual = (word & 0xff) * abs(scale)
                mask = (word >> 8) & 0x7f
                frame.append([x, y, z, residual, mask])
        pos += analog_per_frame * (4 if floating else 2)
        frames.append(frame)
    header = {"points": points, "analog_per_frame": analog_per_frame, "first_frame": first, "last_frame": last,
              "max_gap": max_gap, "scale": scale, "data_start": data_start, "rate": rate, "file_size": len(data)}
    print(json.dumps({"header": header, "processor": processor, "groups": groups, "frames": frames}))


if __name__ == '__main__':
    main(sys.argv[1])
