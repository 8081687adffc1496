"""Demo data: the city from settings, its twelve towns and streets, their villages.

See ``volcity.regions.demo_data`` for which names are real and which codes are placeholders.
"""

from __future__ import annotations

from django.conf import settings

from volcity.core.seeding import ChineseNames, SeedContext, bulk_create_batched
from volcity.regions.codes import full_code
from volcity.regions.demo_data import (
    STREET,
    town_specs,
    village_codes,
    village_names,
    villages_per_town,
)
from volcity.regions.models import Region
from volcity.regions.seed_geo import place_regions


def build_regions(
    *, city_code: str, city_name: str, scale: float, seed_ctx: SeedContext
) -> list[Region]:
    """The whole tree as unsaved rows, parents before children."""
    rng = seed_ctx.rng_for("regions.villages")
    names = ChineseNames()
    city = Region(
        code=full_code(city_code),
        name=city_name,
        level=Region.Level.CITY,
        kind=Region.Kind.CITY,
        parent=None,
        path=city_code,
        generated_name=False,
    )
    rows = [city]
    for town in town_specs(city_code, seed_ctx.faker_for("regions.towns")):
        rows.append(
            Region(
                code=town.code,
                name=town.name,
                level=Region.Level.TOWN,
                kind=town.kind,
                parent_id=city.code,
                path=town.prefix,
                generated_name=town.generated_name,
            )
        )
        count = villages_per_town(scale, rng)
        kind = Region.Kind.COMMUNITY if town.kind == STREET else Region.Kind.VILLAGE
        for code, name in zip(
            village_codes(town.prefix, count),
            village_names(town.kind, count, rng, names),
            strict=True,
        ):
            rows.append(
                Region(
                    code=code,
                    name=name,
                    level=Region.Level.VILLAGE,
                    kind=kind,
                    parent_id=town.code,
                    path=code,
                    generated_name=True,
                )
            )
    return rows


def seed(ctx: SeedContext) -> dict[str, int]:
    rows = build_regions(
        city_code=settings.VOLCITY_CITY_CODE,
        city_name=settings.VOLCITY_CITY_NAME,
        scale=ctx.scale,
        seed_ctx=ctx,
    )
    place_regions(rows, ctx.rng_for("regions.centroids"))
    # One batch holds the whole tree (about 730 rows at full scale): one transaction.
    written = bulk_create_batched(
        ctx, Region, rows, total=len(rows), label="regions", batch_size=len(rows)
    )
    return {Region._meta.db_table: written}
