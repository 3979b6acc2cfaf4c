"""``/api/v1/topics/``: the topics conferences and agreements are tagged with.

The topics a live record is tagged with (a published conference, or another app's live
record: ``register_public_mention("Topic", …)``, filled by partnerships with published
agreements), by name in the reader's language and in the reader's order: pinyin in
Chinese (环保, 贸易, 农业), as the pages' topic menus (``events.filters.reading_key``), not
code points. A topic made for a draft is not shown until the draft is published."""

from django.http import HttpResponse
from ninja import Query, Router

from ..filters import public_topics, reading_key
from .answers import answered
from .errors import ERRORS, not_found
from .languages import answer_language
from .pages import PAGE_PARAMETERS, LanguageQuery, PageQuery, paginate, reads
from .read import topic_ref
from .schemas import TopicDetail, TopicList

router = Router(tags=["topics"])


@router.get("/", response={200: TopicList, **ERRORS}, url_name="topic-list")
@reads(*PAGE_PARAMETERS)
def topic_list(request, response: HttpResponse, query: Query[PageQuery]):
    """Every topic, by name in the reader's order (pinyin in Chinese)."""
    with answer_language(request, response) as code:
        # A few dozen: read whole and put in order here, as the menus are.
        topics = sorted(public_topics(), key=lambda topic: (reading_key(topic.name), topic.pk))
        page = paginate(request, topics, lambda rows: [topic_ref(request, t) for t in rows])
        return answered(response, TopicList, {"language": code, **page})


@router.get("/{uslug:slug}/", response={200: TopicDetail, **ERRORS}, url_name="topic-detail")
@reads("lang")
def topic_detail(request, slug: str, response: HttpResponse, query: Query[LanguageQuery]):
    """One topic."""
    with answer_language(request, response) as code:
        topic = public_topics().filter(slug=slug).first()
        if topic is None:
            raise not_found(f"No public topic at {slug[:100]!r}.")
        return answered(response, TopicDetail, {"language": code, **topic_ref(request, topic)})
