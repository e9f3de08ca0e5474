"""File uploads: ``upload_asset`` sends a file to the asset library as multipart/form-data.

An agent passes the file as a Lua string: ``content`` for text (valid UTF-8), ``content_base64`` for
any bytes (images, PDFs). The size limit is checked on the decoded bytes before anything is sent.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from typing import Any, ClassVar, Self

from pydantic import Field, model_validator

from integrations.customerio.accounts import Family
from integrations.customerio.naming import DESIGN
from integrations.customerio.operations import Example, Kind, Operation
from integrations.customerio.rules import SpecParams

#: Largest file ``upload_asset`` sends (bytes). Customer.io publishes no limit for the asset library;
#: this one is ours, and keeps one upload well inside the sandbox's memory limit.
MAX_ASSET_BYTES = 10 * 1024 * 1024

#: A file name that fits in a multipart header as it is: no quotes, slashes or control characters.
_FILE_NAME = re.compile(r"[^\"\\/\x00-\x1f\x7f]{1,255}")


class UploadAsset(SpecParams):
    """Parameters of `upload_asset`."""

    one_of: ClassVar[tuple[tuple[str, ...], ...]] = (("content",), ("content_base64",))

    name: str = Field(description="The file's name in the library, with its extension, such as logo.png.")
    content: str | None = Field(None, description="The file's content as text (for text files: CSV, HTML, SVG).")
    content_base64: str | None = Field(None, description="The file's bytes, base64-encoded (for images, PDFs, "
                                       "any binary file).")
    content_type: str = Field("application/octet-stream", description="The file's media type, such as image/png.")
    parent_folder_id: int | None = Field(None, description="The asset folder to put it in (its id); default: the "
                                         "library's top level.")

    @model_validator(mode="after")
    def _fits(self) -> Self:
        if not _FILE_NAME.fullmatch(self.name):
            raise ValueError("`name` must be 1-255 characters without quotes, slashes or control characters")
        if not re.fullmatch(r"[\w.+-]+/[\w.+-]+", self.content_type):
            raise ValueError("`content_type` must be a media type such as image/png")
        if len(self.data()) > MAX_ASSET_BYTES:
            raise ValueError(f"the file is larger than {MAX_ASSET_BYTES} bytes, the most upload_asset sends")
        return self

    def data(self) -> bytes:
        """The file's bytes."""
        if self.content is not None:
            return self.content.encode("utf-8")
        try:
            return base64.b64decode(self.content_base64 or "", validate=True)
        except (binascii.Error, ValueError) as error:
            raise ValueError("`content_base64` is not valid base64") from error


def multipart(params: UploadAsset) -> tuple[bytes, str]:
    """The multipart/form-data body of an upload and its content type."""
    boundary = "luabridge-" + secrets.token_hex(12)
    parts = [(f'form-data; name="file"; filename="{params.name}"', params.content_type, params.data())]
    if params.parent_folder_id is not None:
        parts.append(('form-data; name="parent_folder_id"', "text/plain", str(params.parent_folder_id).encode()))
    body = b"".join(
        f"--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: {kind}\r\n\r\n".encode() + data + b"\r\n"
        for disposition, kind, data in parts)
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def described(params: Any) -> dict[str, Any]:
    """What a plan or approval shows of an upload: the file's name, type and size, not its bytes."""
    return {"file": {"name": params.name, "content_type": params.content_type, "size": len(params.data())},
            "parent_folder_id": params.parent_folder_id}


UPLOAD_ASSET = Operation(
    name="upload_asset", family=Family.APP, method="POST", path="/v1/assets/files",
    params=UploadAsset, kind=Kind.WRITE, area=DESIGN,
    summary="Upload a file (an image, a PDF...) to the asset library.",
    description=f"Sent as multipart/form-data. Give the file as `content` (text) or `content_base64` (any bytes); "
                f"at most {MAX_ASSET_BYTES} bytes once decoded.",
    body=described, encode=multipart,
    returns="A table with `asset`: the new file's `id`, `name`, `content_type`, `size`, `url`, `created_at`.",
    examples=(Example("Upload a small text file and read it back", '''local cio = app.integrations.customerio
local uploaded = cio.upload_asset({
  name = "prices.csv", content = "sku,price\\nA1,9.99\\n", content_type = "text/csv",
})
local asset = cio.get_asset({ id = uploaded.asset.id }).asset
return { asset.name, asset.size }'''),),
)

OPERATIONS: tuple[Operation, ...] = (UPLOAD_ASSET,)
