"""``/api/v1/topics/``: the topics conferences and agreements are tagged with.

Every topic, as the conference list's topic menu offers them (``topic_options``), by
name in the reader's language."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from ..models import Topic
from .errors import ERRORS
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
        topics = Topic.objects.order_by("name")
        page = paginate(request, topics, lambda rows: [topic_ref(request, t) for t in rows])
        return {"language": code, **page}


@router.get("/{uslug:slug}/", response={200: TopicDetail, **ERRORS}, url_name="topic-detail")
@reads("lang")
def topic_detail(request, slug: str, response: HttpResponse, query: Query[LanguageQuery]):
    """One topic."""
    with answer_language(request, response) as code:
        topic = get_object_or_404(Topic, slug=slug)
        return {"language": code, **topic_ref(request, topic)}
