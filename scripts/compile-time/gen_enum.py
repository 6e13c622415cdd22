#!/usr/bin/env python3
"""Writes an error enum of N variants with `#[derive(ApiError)]`, for the
compile-time measure at several sizes:

    gen_enum.py 400 > lib.rs

The mix: one variant in three has two fields, `{ key: String, n: u32 }`,
shown in a templated message; every other variant is a unit variant with a
fixed message. Each variant has a one-line doc comment, its own code and its
own message; the enum has a default status and a few variants their own.
The first variant is `NotFound`, whose message "Not found" is the one the
measure edits. `to_thiserror.py` rewrites the output for thiserror.
"""

import sys

STATUSES = [404, 409, 422, 429, 503]


def variant(i: int) -> str:
    status = f"status = {STATUSES[i % len(STATUSES)]}, " if i % 7 == 3 else ""
    if i == 0:
        return (
            "    /// The requested resource does not exist.\n"
            '    #[api_error(status = 404, code = "not_found", message = "Not found")]\n'
            "    NotFound,\n"
        )
    if i % 3 == 1:
        return (
            f"    /// Item {i} was refused for the key it names.\n"
            f'    #[api_error({status}code = "item_{i}_refused", '
            f'message = "Item {i} refused for {{key}}: {{n}} left")]\n'
            f"    Item{i}Refused {{ key: String, n: u32 }},\n"
        )
    return (
        f"    /// Operation {i} is not possible in the current state.\n"
        f'    #[api_error({status}code = "operation_{i}_failed", '
        f'message = "Operation {i} failed")]\n'
        f"    Operation{i}Failed,\n"
    )


def enum(n: int) -> str:
    if n < 1:
        sys.exit("gen_enum.py: at least one variant")
    out = [
        "//! A generated error enum for the compile-time measure.\n",
        "\n",
        "use error_catalog::ApiError;\n",
        "\n",
        f"/// {n} errors: one in three with two fields in a templated message.\n",
        "#[derive(Debug, ApiError)]\n",
        "#[api_error(status = 400)]\n",
        "pub enum GeneratedError {\n",
    ]
    out += [variant(i) for i in range(n)]
    out.append("}\n")
    return "".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.exit("usage: gen_enum.py N")
    sys.stdout.write(enum(int(sys.argv[1])))
