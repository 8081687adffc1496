"""Demo data at any fraction of seed scale: the frame every app's ``seed.py`` plugs into.

An app takes part by having a ``seed`` module with ``def seed(ctx: SeedContext) -> dict[str,
int]`` (rows written, by table); ``seed_demo`` runs them in ``INSTALLED_APPS`` order (apps
under ``volcity.`` only), so an app may rely on the rows of the apps listed before it. A seed
module may also define ``def demo_logins() -> list[DemoLogin]`` for ``manage.py demo_logins``.

Seeding is a bulk path: rows go in with ``bulk_create`` in batches, one transaction per batch,
not through the services (which write one row and one audit entry at a time). The runner
writes one audit entry per step instead (``core.seed.completed``).

Everything random comes from ``ctx.rng_for(purpose)`` / ``ctx.faker_for(purpose)``, seeded from
``--seed`` and a purpose string, so one app's draws never shift another's and a given seed
always builds the same city.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib
import importlib.util
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate, islice
from types import ModuleType
from typing import Any, Protocol, TypeVar

from django.apps import apps
from django.db import models, transaction
from faker import Faker
from faker.providers.person.zh_CN import Provider as ChinesePersonProvider
from tqdm import tqdm

from volcity.core.privacy import id_check_character

T = TypeVar("T")

# Seed scale 1.0: the yardstick of every benchmark (docs: design, "Data and scale").
SEED_SCALE: dict[str, int] = {
    "volunteers": 160_400,
    "teams": 1_300,
    "projects": 200,
    "service_records": 3_000_000,
    "ledger_postings": 1_000_000,
}
DEFAULT_BATCH_SIZE = 2_000


class Writer(Protocol):
    def write(self, msg: str, /) -> Any: ...


@dataclass
class Measure:
    """Rows written and seconds spent by one measured part of a step."""

    rows: int = 0
    seconds: float = 0.0


@dataclass
class SeedContext:
    scale: float
    seed: int
    rng: random.Random
    faker: Faker
    progress: bool
    stdout: Writer
    measures: dict[str, Measure] = field(default_factory=dict)

    def count(self, what: str, *, minimum: int = 1) -> int:
        """How many of ``what`` (a key of SEED_SCALE) to build at this scale."""
        return max(minimum, round(SEED_SCALE[what] * self.scale))

    def rng_for(self, purpose: str) -> random.Random:
        """A generator of its own for one purpose ("accounts.volunteers")."""
        return random.Random(f"{self.seed}:{purpose}")

    def faker_for(self, purpose: str) -> Faker:
        return make_faker(derived_seed(self.seed, purpose))

    def say(self, line: str) -> None:
        self.stdout.write(line + "\n")

    @contextmanager
    def measure(self, label: str) -> Iterator[Measure]:
        """Time a block; the block sets ``rows`` on what it is given."""
        measure = self.measures.setdefault(label, Measure())
        start = time.perf_counter()
        try:
            yield measure
        finally:
            measure.seconds += time.perf_counter() - start


def derived_seed(seed: int, purpose: str) -> int:
    digest = hashlib.sha256(f"{seed}:{purpose}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def make_faker(seed: int) -> Faker:
    faker = Faker("zh_CN")
    faker.seed_instance(seed)
    return faker


def make_context(
    *, scale: float, seed: int, progress: bool = False, stdout: Writer | None = None
) -> SeedContext:
    return SeedContext(
        scale=scale,
        seed=seed,
        rng=random.Random(seed),
        faker=make_faker(seed),
        progress=progress,
        stdout=stdout if stdout is not None else sys.stdout,
    )


# --- Writing in batches ---------------------------------------------------------------------


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def write_in_batches(
    ctx: SeedContext,
    items: Iterable[T],
    *,
    total: int,
    label: str,
    write: Callable[[list[T]], int],
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> int:
    """Feed ``items`` to ``write`` in batches, one transaction each, with a progress bar.

    ``items`` may be a generator: rows are built batch by batch, never all at once.
    Returns the rows ``write`` reports.
    """
    rows = 0
    with tqdm(
        total=total, desc=label, unit="row", file=sys.stderr, disable=not ctx.progress, leave=False
    ) as bar:
        for batch in batched(items, batch_size):
            with transaction.atomic():
                rows += write(batch)
            bar.update(len(batch))
    return rows


def bulk_create_batched(
    ctx: SeedContext,
    model: type[models.Model],
    objs: Iterable[models.Model],
    *,
    total: int,
    label: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> int:
    """``bulk_create`` in batches (one transaction each); returns rows written."""
    manager = model._default_manager

    def write(batch: list[models.Model]) -> int:
        return len(manager.bulk_create(batch))

    return write_in_batches(ctx, objs, total=total, label=label, write=write, batch_size=batch_size)


# --- Steps ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedStep:
    app: str  # "volcity.regions"
    label: str  # "regions"
    run: Callable[[SeedContext], dict[str, int]]


@dataclass(frozen=True)
class StepResult:
    label: str
    rows: dict[str, int]
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.rows.values())


@dataclass(frozen=True)
class DemoLogin:
    username: str
    phone: str
    role: str
    region: str
    password: str


def _seed_modules() -> list[tuple[str, str, ModuleType]]:
    """(app name, label, seed module) for each ``volcity.`` app, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("volcity."):
            continue
        module_name = f"{config.name}.seed"
        if importlib.util.find_spec(module_name) is None:
            continue
        found.append((config.name, config.label, importlib.import_module(module_name)))
    return found


def seed_steps() -> list[SeedStep]:
    """The seed steps of the installed apps, in INSTALLED_APPS order."""
    return [
        SeedStep(app=name, label=label, run=module.seed)
        for name, label, module in _seed_modules()
        if callable(getattr(module, "seed", None))
    ]


def unseed_domains(after: str) -> None:
    """Delete the seeded rows of every app installed after ``after`` that offers ``unseed()``,
    latest first, so that tests rebuilding the demo city can clear ``after`` and what it
    stands on. The audit log is append-only and stays."""
    modules = _seed_modules()
    names = [name for name, _label, _module in modules]
    later = modules[names.index(after) + 1 :] if after in names else []
    for _name, _label, module in reversed(later):
        if callable(getattr(module, "unseed", None)):
            module.unseed()


def demo_logins() -> list[DemoLogin]:
    logins: list[DemoLogin] = []
    for _name, _label, module in _seed_modules():
        if callable(getattr(module, "demo_logins", None)):
            logins.extend(module.demo_logins())
    return logins


def run_seed(ctx: SeedContext, steps: Sequence[SeedStep] | None = None) -> list[StepResult]:
    """Run every step, print a summary line per step, write one audit entry per step."""
    from volcity.audit.services import audit_record

    results = []
    for step in seed_steps() if steps is None else steps:
        start = time.perf_counter()
        rows = step.run(ctx)
        seconds = time.perf_counter() - start
        result = StepResult(label=step.label, rows=dict(rows), seconds=seconds)
        audit_record(
            "core.seed.completed",
            changes={
                "step": step.label,
                "rows": result.rows,
                "scale": ctx.scale,
                "seed": ctx.seed,
                "seconds": round(seconds, 3),
            },
        )
        ctx.say(summary_line(result))
        results.append(result)
    return results


def summary_line(result: StepResult) -> str:
    rate = result.total / result.seconds if result.seconds > 0 else 0.0
    tables = ", ".join(f"{table}={n:,}" for table, n in result.rows.items())
    return (
        f"{result.label:<12} {result.total:>10,} rows in {result.seconds:7.2f}s"
        f" {rate:>10,.0f} rows/s  ({tables})"
    )


# --- Made-up people -------------------------------------------------------------------------

# Mainland mobile prefixes for made-up people. 138 is left out: demo staff use 1380000000X.
MOBILE_PREFIXES = (
    "139", "150", "186", "135", "137", "151", "152", "158",
    "159", "176", "177", "181", "182", "187", "188", "189",
)  # fmt: skip
_MOBILE_SPACE = 10**8
_MOBILE_STEP = 2_654_435_761  # odd and not a multiple of 5: a permutation of 0 … 10**8 - 1


def mobile_number(index: int, *, seed: int) -> str:
    """A made-up mobile number, distinct for each ``index`` (0 … 1.6 billion) under one seed.

    The body is an affine permutation of the index, so numbers look scattered yet never
    repeat. Callers that seed people of their own take an index range no other caller uses.
    """
    prefix = MOBILE_PREFIXES[index % len(MOBILE_PREFIXES)]
    n = index // len(MOBILE_PREFIXES)
    if n >= _MOBILE_SPACE:
        raise ValueError("mobile number index out of range")
    body = (n * _MOBILE_STEP + derived_seed(seed, "mobile")) % _MOBILE_SPACE
    return f"{prefix}{body:08d}"


class ChineseNames:
    """Names drawn from Faker zh_CN's own tables (surnames weighted as Faker weighs them).

    Drawing here instead of calling ``Faker.name()`` (about 80 µs a call) keeps the name
    distribution and lets the first name follow the sex written in the ID number.
    """

    def __init__(self) -> None:
        surnames: dict[str, float] = dict(ChinesePersonProvider.last_names)
        self._surnames = list(surnames)
        self._cum_weights = list(accumulate(surnames.values()))
        self._male = list(ChinesePersonProvider.first_names_male)
        self._female = list(ChinesePersonProvider.first_names_female)

    def surname(self, rng: random.Random) -> str:
        return rng.choices(self._surnames, cum_weights=self._cum_weights)[0]

    def name(self, rng: random.Random, sex: str) -> str:
        first = rng.choice(self._male if sex == "M" else self._female)
        return self.surname(rng) + first


@dataclass(frozen=True)
class MadeUpIdNumber:
    number: str
    birth_date: datetime.date
    sex: str


class IdNumbers:
    """Valid, distinct made-up resident ID numbers for one address code."""

    def __init__(
        self,
        address_code: str,
        *,
        earliest: datetime.date = datetime.date(1950, 1, 1),
        latest: datetime.date = datetime.date(2010, 12, 31),
        exclude: Iterable[str] = (),
    ) -> None:
        self.address_code = address_code
        self.earliest = earliest
        self.span = (latest - earliest).days + 1
        self.used: set[str] = set(exclude)

    def draw(self, rng: random.Random) -> MadeUpIdNumber:
        while True:
            birth = self.earliest + datetime.timedelta(days=rng.randrange(self.span))
            sequence = rng.randrange(1000)
            first17 = f"{self.address_code}{birth:%Y%m%d}{sequence:03d}"
            number = first17 + id_check_character(first17)
            if number not in self.used:
                self.used.add(number)
                return MadeUpIdNumber(number, birth, "M" if sequence % 2 else "F")
