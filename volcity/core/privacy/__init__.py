"""Personal data: ID numbers, phones, names (validate, mask) and field encryption."""

from .crypto import (
    DecryptionFailed,
    SealedIdNumber,
    decrypt_text,
    encrypt_text,
    keyed_hash,
    seal_id_number,
)
from .idnumber import (
    IdNumberInfo,
    InvalidIdNumber,
    id_check_character,
    mask_id_number,
    normalize_id_number,
    parse_id_number,
    valid_address_codes,
)
from .phone import InvalidPhone, mask_name, mask_phone, normalize_phone, parse_mobile

__all__ = [
    "DecryptionFailed",
    "IdNumberInfo",
    "InvalidIdNumber",
    "InvalidPhone",
    "SealedIdNumber",
    "decrypt_text",
    "encrypt_text",
    "id_check_character",
    "keyed_hash",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "normalize_id_number",
    "normalize_phone",
    "parse_id_number",
    "parse_mobile",
    "seal_id_number",
    "valid_address_codes",
]
