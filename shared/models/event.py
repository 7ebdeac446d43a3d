"""The v1 trade event: what subscribers receive as the `data` of each CloudEvent."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from shared.models.article import Article

ALPHA3 = r"^[A-Z]{3}$"
SUBDIVISION = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EventType(StrEnum):
    """The taxonomy of trade-cooperation events (documented in the README)."""

    TRADE_AGREEMENT = "trade_agreement"
    COMMERCIAL_DEAL = "commercial_deal"
    INVESTMENT = "investment"
    JOINT_PROJECT = "joint_project"
    TRADE_VOLUME = "trade_volume"
    TRADE_TARGET = "trade_target"
    TRADE_MISSION = "trade_mission"
    OFFICE_OPENING = "office_opening"
    ECONOMIC_AID = "economic_aid"


class EventStatus(StrEnum):
    """A fact seen first, seen again with changes, or gone from a re-processed article."""

    NEW = "new"
    UPDATE = "update"
    RETRACTION = "retraction"


class Sector(StrEnum):
    """The fixed sector list (documented in the README)."""

    AGRICULTURE_FOOD = "agriculture_food"
    ENERGY = "energy"
    MINING_METALS = "mining_metals"
    AEROSPACE = "aerospace"
    AUTOMOTIVE = "automotive"
    MANUFACTURING = "manufacturing"
    HIGH_TECH = "high_tech"
    TELECOM = "telecom"
    E_COMMERCE = "e_commerce"
    FINANCE = "finance"
    HEALTHCARE = "healthcare"
    CONSUMER_GOODS = "consumer_goods"
    INFRASTRUCTURE = "infrastructure"
    LOGISTICS = "logistics"
    TEXTILES = "textiles"
    CHEMICALS = "chemicals"
    TOURISM = "tourism"
    EDUCATION = "education"


class EntityKind(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    COMPANY = "company"
    ORGANISATION = "organisation"
    PERSON = "person"
    BLOC = "bloc"


class Role(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"
    PARTNER = "partner"
    INVESTOR = "investor"
    INVESTEE = "investee"
    DONOR = "donor"
    RECIPIENT = "recipient"
    HOST = "host"
    VISITOR = "visitor"
    SIGNATORY = "signatory"


class AmountMetric(StrEnum):
    DEAL_VALUE = "deal_value"
    TRADE_VOLUME = "trade_volume"
    TARGET = "target"
    INVESTMENT = "investment"
    AID = "aid"
    GROWTH_RATE = "growth_rate"
    OTHER = "other"


class Granularity(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"
    UNKNOWN = "unknown"


class TemporalRelation(StrEnum):
    OCCURRED = "occurred"
    PERIOD_COVERED = "period_covered"
    TARGET = "target"
    PLANNED = "planned"


class Span(_Frozen):
    """Character offsets [start, end) into the article's clean text, and the text they cover."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Codes(_Frozen):
    """Event-data codes, so tradewire's events line up with CAMEO and PLOVER datasets."""

    cameo: str = Field(pattern=r"^\d{2,4}$", description="CAMEO event code, e.g. 057, 061, 0311")
    plover_event: str = Field(description="PLOVER event type, e.g. AGREE, COOPERATE, AID")
    plover_mode: str | None = Field(default=None, description="PLOVER mode, e.g. economic")
    plover_context: list[str] = Field(default_factory=list, description="PLOVER contexts")


class Participant(_Frozen):
    role: Role
    name: str
    kind: EntityKind
    country: str | None = Field(default=None, pattern=ALPHA3, description="ISO 3166-1 alpha-3")
    subdivision: str | None = Field(default=None, pattern=SUBDIVISION, description="ISO 3166-2")
    span: Span | None = None


class Amount(_Frozen):
    """A money amount (or a growth rate) normalised to full units and an ISO 4217 currency."""

    text: str
    value: float = Field(description="full units; the lower bound of a range")
    value_max: float | None = Field(default=None, description="upper bound when a range")
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$", description="ISO 4217")
    unit: str | None = Field(default=None, description="'percent' for rates, else null")
    approximate: bool = False
    qualifier: str | None = Field(default=None, description="about, over, nearly, up to, ...")
    metric: AmountMetric = AmountMetric.OTHER
    usd_value: float | None = None
    usd_source: str | None = Field(default=None, description="'article' or 'fx_rate'")
    fx_rate: float | None = Field(default=None, description="USD per unit of currency")
    fx_date: date | None = None
    span: Span | None = None


class When(_Frozen):
    """A time expression resolved against the article's publication date when that is known."""

    text: str
    start: date | None = None
    end: date | None = None
    granularity: Granularity = Granularity.UNKNOWN
    relation: TemporalRelation = TemporalRelation.OCCURRED
    resolved: bool = False
    anchor: date | None = Field(default=None, description="the publication date used")
    span: Span | None = None


class Location(_Frozen):
    name: str
    country: str | None = Field(default=None, pattern=ALPHA3)
    subdivision: str | None = Field(default=None, pattern=SUBDIVISION)
    span: Span | None = None


class Evidence(_Frozen):
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Confidence(_Frozen):
    score: float = Field(ge=0.0, le=1.0)
    basis: list[str] = Field(default_factory=list)


class ArticleRef(_Frozen):
    id: str
    url: str | None = None
    title: str = ""
    publisher: str | None = None
    published_at: datetime | None = None
    arrived_via: str
    content_hash: str

    @classmethod
    def of(cls, article: Article) -> ArticleRef:
        """The reference an event carries to the article version it was extracted from."""
        return cls(
            id=article.id,
            url=article.url,
            title=article.title,
            publisher=article.publisher,
            published_at=article.published_at,
            arrived_via=article.arrived_via.value,
            content_hash=article.content_hash,
        )


class Extractor(_Frozen):
    name: str
    version: str


class TradeEvent(_Frozen):
    """One trade-cooperation fact from one article, with its evidence."""

    event_id: str = Field(description="lineage id: stable for the same fact of the same article")
    status: EventStatus = EventStatus.NEW
    revision: int = Field(
        default=0, ge=0, description="0 when the lineage is first published; +1 on each change"
    )
    supersedes: str | None = Field(
        default=None, description="CloudEvent id of the revision this update or retraction replaces"
    )
    event_type: EventType
    summary: str = ""
    codes: Codes
    participants: list[Participant]
    countries: list[str] = Field(description="sorted ISO alpha-3 of the cooperating parties")
    sectors: list[Sector] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    when: When | None = None
    location: Location | None = None
    evidence: Evidence
    confidence: Confidence
    article: ArticleRef
    extractor: Extractor
