"""Message content: campaign and broadcast actions, newsletter and transactional variants, translations.

Every piece of content belongs to an owner (a campaign, broadcast, newsletter or transactional
template) and is keyed by (owner kind, owner id, content id, language); language ``""`` is the
default content and any other language is its translation. An owner's content ids come from its
record (``actions`` of campaigns and broadcasts, ``content_ids`` of newsletters; transactional
templates have one content with the template's id), and the records are made on first use from the
spec's sample shape, so a write changes exactly what the matching reads return.

Whether Customer.io creates a translation on ``PUT .../language/{language}`` for a language the
content lacks is undocumented; the emulator creates it (a later ``GET`` returns it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .resources import Resource, apply_fields
from .wire import Call, Rejected, Reply, ok
from .workspace import JSONObject, Workspace

Key = tuple[str, int, int, str]


@dataclass(frozen=True)
class Owner:
    """A kind of record that holds message content, and where its answers put it."""

    kind: str  # "campaign", "broadcast", "newsletter", "transactional"
    param: str  # path parameter naming the owner
    template: str  # operation whose sample shows one content record
    envelope: str  # "action" or "content"
    owner_field: str | None  # the content field naming its owner ("campaign_id"), if any
    records: Callable[[Workspace], dict[int, JSONObject]]
    content_ids: Callable[[JSONObject], list[int]]
    listed: bool = False  # one-record answers list the record (the transactional spec's shape)

    def ids(self, workspace: Workspace, owner: JSONObject) -> list[int]:
        """The content ids ``owner`` holds."""
        if self.kind == "transactional":
            known: list[int] = workspace.records.get("transactional_contents", {}).get(owner["id"], [owner["id"]])
            return known
        return self.content_ids(owner)

    def owner(self, call: Call) -> JSONObject:
        """The owner the path names; 404 when there is none."""
        raw = call.params[self.param]
        owner = self.records(call.workspace).get(int(raw)) if raw.isdigit() else None
        if owner is None:
            raise Rejected(404, f"{self.kind} {raw} not found")  # text is ours
        return owner

    def wrap(self, record: JSONObject) -> JSONObject:
        """The one-record answer body."""
        return {self.envelope: [record] if self.listed else record}


CAMPAIGN = Owner("campaign", "campaign_id", "app.getCampaignAction", "action", "campaign_id",
                 lambda w: w.campaigns, lambda o: [a["id"] for a in o.get("actions", []) if a.get("type") != "delay"])
BROADCAST = Owner("broadcast", "broadcast_id", "app.getBroadcastAction", "action", "broadcast_id",
                  lambda w: w.broadcasts, lambda o: [a["id"] for a in o.get("actions", [])])
NEWSLETTER = Owner("newsletter", "newsletter_id", "app.getNewsletterVariant", "content", "newsletter_id",
                   lambda w: w.newsletters, lambda o: list(o.get("content_ids", [])))
TRANSACTIONAL = Owner("transactional", "transactional_id", "app.getTransactionalVariant", "content", None,
                      lambda w: w.transactional, lambda o: [o["id"]], listed=True)
#: Transactional templates list no content ids of their own: ``Workspace.records["transactional_contents"]``
#: holds them by template id (a template missing there has one content with the template's id).


def contents(workspace: Workspace) -> dict[Key, JSONObject]:
    """Every content record of the workspace."""
    found: dict[Key, JSONObject] = workspace.records.setdefault("contents", {})
    return found


def content_of(owner: Owner, call: Call, content_id: int, language: str = "", create: bool = False) -> JSONObject:
    """One content record of the owner the path names (made from the owner on first use)."""
    record = owner.owner(call)
    if content_id not in owner.ids(call.workspace, record):
        raise Rejected(404, f"{owner.envelope} {content_id} not found in {owner.kind} {record['id']}")  # ours
    store, key = _slot(call.workspace, owner, record, content_id, language)
    if not isinstance(store.get(key), dict) or "id" not in store[key]:
        if language and key not in store and not create:
            raise Rejected(404, f"no {language} translation of {owner.envelope} {content_id}")  # ours
        # a version another module keeps in short form (a newsletter language) is completed here
        store[key] = {**_fresh(owner, record, content_id, language, call.workspace.clock()), **store.get(key, {})}
    found: JSONObject = store[key]
    return found


def _slot(workspace: Workspace, owner: Owner, record: JSONObject, content_id: int, language: str) -> tuple[Any, Any]:
    """Where a content record lives: a newsletter's language versions are on the newsletter record
    (``languages``, shared with ``app_newsletters``), everything else in ``contents``."""
    if owner is NEWSLETTER and language:
        return record.setdefault("languages", {}), language
    return contents(workspace), (owner.kind, record["id"], content_id, language)


def make_content(owner: Owner, workspace: Workspace, owner_id: int, content_id: int, language: str) -> JSONObject:
    """A new content record for the owner ``owner_id`` (not stored)."""
    return _fresh(owner, owner.records(workspace)[owner_id], content_id, language, workspace.clock())


def _fresh(owner: Owner, record: JSONObject, content_id: int, language: str, now: int) -> JSONObject:
    blank = Resource("contents", owner.param, owner.envelope, owner.envelope, owner.template).blank()
    blank.update(id=content_id, language=language, name=f"{record.get('name', owner.kind)} #{content_id}")
    for field in ("created", "updated"):
        if field in blank:
            blank[field] = now
    if "deduplicate_id" in blank:
        blank["deduplicate_id"] = f"{content_id}:{now}"
    if owner.owner_field:
        blank[owner.owner_field] = record["id"]
    blank.pop("parent_action_id", None)
    return blank


def lister(owner: Owner, key: str) -> Callable[[Call], Reply]:
    """``GET`` the owner's default contents under ``key``."""

    def handler(call: Call) -> Reply:
        ids = owner.ids(call.workspace, owner.owner(call))
        return ok({key: [content_of(owner, call, content_id) for content_id in ids]})

    handler.__doc__ = f"The {owner.kind}'s {key}."
    return handler


def getter(owner: Owner, id_param: str | None, translated: bool = False) -> Callable[[Call], Reply]:
    """``GET`` one content (``id_param`` names it; None: the owner's first) or its translation."""

    def handler(call: Call) -> Reply:
        return ok(owner.wrap(content_of(owner, call, _content_id(owner, call, id_param), _language(call, translated))))

    handler.__doc__ = f"One {owner.envelope} of a {owner.kind}."
    return handler


def updater(owner: Owner, id_param: str | None, translated: bool = False) -> Callable[[Call], Reply]:
    """``PUT`` changes to one content or its translation; the answer is the stored record."""

    def handler(call: Call) -> Reply:
        content_id = _content_id(owner, call, id_param)
        record = content_of(owner, call, content_id, _language(call, translated), create=True)
        apply_fields(record, _writable(call.json_object(), owner), call.workspace.clock())
        return ok(owner.wrap(record))

    handler.__doc__ = f"Update one {owner.envelope} of a {owner.kind}."
    return handler


def test_groups(call: Call) -> Reply:
    """``GET /v1/newsletters/{newsletter_id}/test_groups``: the newsletter's A/B test groups."""
    newsletter = NEWSLETTER.owner(call)
    return ok({"test_groups": [_public_group(newsletter, index, group)
                               for index, group in enumerate(_groups(newsletter).values())]})


def test_group_translation(update: bool) -> Callable[[Call], Reply]:
    """``GET``/``PUT .../test_group/{test_group_id}/language/{language}``: a test group's content."""

    def handler(call: Call) -> Reply:
        newsletter = NEWSLETTER.owner(call)
        group = _find_group(newsletter, call.params["test_group_id"])
        if group is None:
            raise Rejected(404, f"test group {call.params['test_group_id']} not found")  # ours
        content_id = _group_content(newsletter, group)
        versions = group.setdefault("languages", {})
        language = call.params["language"]
        if language not in versions and not update:
            raise Rejected(404, f"no {language} translation of test group {group['id']}")  # ours
        record = {**_fresh(NEWSLETTER, newsletter, content_id, language, call.workspace.clock()),
                  **versions.get(language, {})}
        if update:
            apply_fields(record, _writable(call.json_object(), NEWSLETTER), call.workspace.clock())
        versions[language] = record
        return ok(NEWSLETTER.wrap(record))

    handler.__doc__ = "A newsletter test group's translated content."
    return handler


def _groups(newsletter: JSONObject) -> dict[str, JSONObject]:
    """A newsletter's test groups by id (``A``, ``B``...), held on its record (see ``app_newsletters``)."""
    groups: dict[str, JSONObject] = newsletter.setdefault("test_groups", {})
    return groups


def _find_group(newsletter: JSONObject, wanted: str) -> JSONObject | None:
    """A test group by its letter, or by the integer id the list answer gives it."""
    groups = _groups(newsletter)
    if wanted in groups:
        return groups[wanted]
    listed = list(groups.values())
    return listed[int(wanted) - 1] if wanted.isdigit() and 0 < int(wanted) <= len(listed) else None


def _group_content(newsletter: JSONObject, group: JSONObject) -> int:
    ids = [int(c) for c in group.get("content_ids", []) if str(c).isdigit()]
    first: int = ids[0] if ids else newsletter["content_ids"][0]
    return first


def _public_group(newsletter: JSONObject, index: int, group: JSONObject) -> JSONObject:
    """A test group as the spec lists it (integer id; the letter is its label)."""
    return {"id": index + 1, "label": str(group["id"]), "name": str(group.get("name", f"Group {group['id']}")),
            "content_ids": [str(_group_content(newsletter, group))], "winner": bool(group.get("winner", False))}


def _content_id(owner: Owner, call: Call, id_param: str | None) -> int:
    if id_param is None:
        ids = owner.ids(call.workspace, owner.owner(call))
        if not ids:
            raise Rejected(404, f"{owner.kind} {call.params[owner.param]} has no content")  # ours
        return ids[0]
    raw = call.params[id_param]
    if not raw.isdigit():
        raise Rejected(404, f"{owner.envelope} {raw} not found")  # ours
    return int(raw)


def _language(call: Call, translated: bool) -> str:
    return call.params.get("language", "") if translated else ""


def _writable(body: JSONObject, owner: Owner) -> dict[str, Any]:
    """The body without the fields that say where the content lives (owner, language, type)."""
    fixed = {"language", "type", owner.owner_field or "", "newsletter_id", "campaign_id", "broadcast_id"}
    return {name: value for name, value in body.items() if name not in fixed}


HANDLERS = {
    "app.listCampaignActions": lister(CAMPAIGN, "actions"),
    "app.getCampaignAction": getter(CAMPAIGN, "action_id"),
    "app.updateCampaignAction": updater(CAMPAIGN, "action_id"),
    "app.getCampaignActionTranslation": getter(CAMPAIGN, "action_id", translated=True),
    "app.updateCampaignActionTranslation": updater(CAMPAIGN, "action_id", translated=True),
    "app.broadcastActions": lister(BROADCAST, "actions"),
    "app.getBroadcastAction": getter(BROADCAST, "action_id"),
    "app.updateBroadcastAction": updater(BROADCAST, "action_id"),
    "app.getBroadcastActionLanguage": getter(BROADCAST, "action_id", translated=True),
    "app.updateBroadcastActionLanguage": updater(BROADCAST, "action_id", translated=True),
    "app.listNewsletterVariants": lister(NEWSLETTER, "contents"),
    "app.getNewsletterVariant": getter(NEWSLETTER, "content_id"),
    "app.updateNewsletterVariant": updater(NEWSLETTER, "content_id"),
    "app.getNewsletterVariantTranslation": getter(NEWSLETTER, None, translated=True),
    "app.updateNewsletterVariantTranslation": updater(NEWSLETTER, None, translated=True),
    "app.getNewsletterTestGroups": test_groups,
    "app.getNewsletterVariantTranslationTest": test_group_translation(update=False),
    "app.updateNewsletterTestTranslation": test_group_translation(update=True),
    "app.listTransactionalVariants": lister(TRANSACTIONAL, "contents"),
    "app.updateTransactional": updater(TRANSACTIONAL, "content_id"),
    "app.getTransactionalVariant": getter(TRANSACTIONAL, None, translated=True),
    "app.updateTransactionalVariant": updater(TRANSACTIONAL, None, translated=True),
}
