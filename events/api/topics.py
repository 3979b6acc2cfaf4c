"""``/api/v1/topics/``: the topics conferences and agreements are tagged with.

The topics a live record is tagged with (a published conference, or another app's live
record: ``register_public_mention("Topic", …)``, filled by partnerships with published
agreements), by name in the reader's language. A topic made for a draft is not shown
until the draft is published."""

from django.http import HttpResponse
from ninja import Query, Router

from ..filters import public_topics
from .errors import ERRORS, not_found
from .languages import answer_language
from .pages import PAGE_PARAMETERS, LanguageQuery, PageQuery, paginate, reads
from .read import topic_ref
from .schemas import TopicDetail, TopicList

router = Router(tags=["topics"])


@router.get("/", response={200: TopicList, **ERRORS}, url_name="topic-list")
@reads(*PAGE_PARAMETERS)
def topic_list(request, response: HttpResponse, query: Query[PageQuery]):
    """Every topic, by name."""
    with answer_language(request, response) as code:
        topics = public_topics().order_by("name")
        page = paginate(request, topics, lambda rows: [topic_ref(request, t) for t in rows])
        return {"language": code, **page}


@router.get("/{uslug:slug}/", response={200: TopicDetail, **ERRORS}, url_name="topic-detail")
@reads("lang")
def topic_detail(request, slug: str, response: HttpResponse, query: Query[LanguageQuery]):
    """One topic."""
    with answer_language(request, response) as code:
        topic = public_topics().filter(slug=slug).first()
        if topic is None:
            raise not_found(f"No public topic at {slug[:100]!r}.")
        return {"language": code, **topic_ref(request, topic)}
