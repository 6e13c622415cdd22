#!/usr/bin/env python3
"""Rewrites an enum declared with `#[derive(ApiError)]` into the same enum
declared with thiserror: the same variants, fields and doc comments, and each
variant's message as its `#[error("...")]`.

    to_thiserror.py < src/license_api.rs > lib.rs
"""

import re
import sys

# A string literal: "..." with backslash escapes.
STRING = r'"(?:[^"\\]|\\.)*"'


def variant_attr(args: str) -> str:
    """`#[api_error(code = .., status = .., message = "..")]` -> `#[error("..")]`."""
    if re.fullmatch(r"\s*transparent\s*", args):
        return "#[error(transparent)]"
    message = re.search(r"\bmessage\s*=\s*(" + STRING + ")", args, re.S)
    if message is None:
        sys.exit("to_thiserror.py: a variant without `message` has no thiserror equivalent: "
                 + args.strip())
    return "#[error(" + message.group(1) + ")]"


def rewrite(source: str) -> str:
    out = source
    out = re.sub(r"^use error_catalog::ApiError;\n", "", out, flags=re.M)
    out = out.replace("#[derive(Debug, ApiError)]", "#[derive(Debug, thiserror::Error)]")
    # The enum's own attribute (default status, rename_all): no equivalent.
    out = re.sub(r"^#\[api_error\([^\]]*\)\]\n", "", out, flags=re.M)
    # Each variant's attribute, possibly over several lines.
    out = re.sub(
        r"#\[api_error\(((?:" + STRING + r"|[^\]\"])*)\)\]",
        lambda m: variant_attr(m.group(1)),
        out,
        flags=re.S,
    )
    code = [line for line in out.splitlines() if not line.lstrip().startswith("//")]
    if any("api_error" in line or "error_catalog" in line for line in code):
        sys.exit("to_thiserror.py: some error-catalog syntax is left over")
    return out


if __name__ == "__main__":
    sys.stdout.write(rewrite(sys.stdin.read()))
