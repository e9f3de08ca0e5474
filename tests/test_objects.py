"""Objects end to end from Lua: identify, relate, read back, unrelate, delete; Track v2 and Pipelines group;
entity calls classed by what they do."""

from __future__ import annotations

from bridge import Runtime
from integrations.customerio import CustomerIO
from tests.cio_support import failed_with, succeeded

CIO = "app.integrations.customerio"

CREATE_AND_RELATE = f'''
{CIO}.send_entity_operation({{ type = "object", action = "identify",
  identifiers = {{ object_type_id = 1, object_id = "initech" }},
  attributes = {{ name = "Initech", plan = "enterprise" }} }})
{CIO}.send_entity_operation({{ type = "person", action = "add_relationships", identifiers = {{ id = "user-1001" }},
  cio_relationships = {{ {{ identifiers = {{ object_type_id = "1", object_id = "initech" }},
                           relationship_attributes = {{ role = "admin" }} }} }} }})
'''

READ_BACK = f'''
local company = {CIO}.get_object_attributes({{ object_type_id = 1, object_id = "initech" }}).object
local people = {CIO}.list_object_relationships({{ object_type_id = 1, object_id = "initech" }}).cio_relationships
local mine = {CIO}.list_person_relationships({{ id = "user-1001" }}).cio_relationships
local found = {CIO}.search_objects({{ object_type_id = 1,
  filter = {{ object_attribute = {{ field = "plan", operator = "eq", value = "enterprise", type_id = "1" }} }} }})
return {{ plan = company.attributes.plan, people = people, mine = mine, found = found.ids }}
'''


def test_an_object_is_created_related_read_back_and_unrelated(runtime: Runtime) -> None:
    value = succeeded(runtime.run(CREATE_AND_RELATE + READ_BACK))  # writes: no approval needed
    assert value["plan"] == "enterprise" and value["found"] == ["acme", "initech"]
    assert [p["identifiers"]["id"] for p in value["people"]] == ["user-1001"]
    assert [(o["identifiers"]["object_id"], o["relationship_attributes"]) for o in value["mine"]] == [
        ("acme", {"role": "admin"}), ("initech", {"role": "admin"})]  # Acme: the sample workspace's
    approving = Runtime(list(runtime.integrations.values()), approve=lambda call: True)  # removal: destructive
    after = succeeded(approving.run(f'''
        {CIO}.send_entity_operation({{ type = "object", action = "delete_relationships",
          identifiers = {{ object_type_id = "1", object_id = "initech" }},
          cio_relationships = {{ {{ identifiers = {{ id = "user-1001" }} }} }} }})
        return {CIO}.list_object_relationships({{ object_type_id = 1, object_id = "initech" }}).cio_relationships'''))
    assert after == []  # an empty list, not {}


def test_deleting_an_object_is_destructive_and_then_it_is_gone(customerio: CustomerIO) -> None:
    succeeded(Runtime([customerio]).run(CREATE_AND_RELATE))
    delete = (f'return {CIO}.send_entity_operation({{ type = "object", action = "delete", '
              'identifiers = { object_type_id = 1, object_id = "initech" } })')
    details = failed_with(Runtime([customerio]).run(delete), "permission_denied")
    assert details["kind"] == "destructive"
    succeeded(Runtime([customerio], approve=lambda call: call.kind == "destructive").run(delete))
    gone = f'return {CIO}.get_object_attributes({{ object_type_id = 1, object_id = "initech" }})'
    failed_with(Runtime([customerio]).run(gone), "not_found")
    mine = succeeded(Runtime([customerio]).run(
        f'return {CIO}.list_person_relationships({{ id = "user-1001" }}).cio_relationships'))
    assert [o["identifiers"]["object_id"] for o in mine] == ["acme"]


def test_pipelines_group_creates_the_object_and_relates_the_user(runtime: Runtime) -> None:
    value = succeeded(runtime.run(f'''
        {CIO}.group_user({{ user_id = "user-1002", group_id = "globex",
          traits = {{ object_type_id = "1", name = "Globex", plan = "pro" }} }})
        local mine = {CIO}.list_person_relationships({{ id = "user-1002" }}).cio_relationships
        local globex = {CIO}.get_object_attributes({{ object_type_id = 1, object_id = "globex" }}).object
        return {{ related = mine[1].identifiers.object_id, name = globex.attributes.name }}'''))
    assert value == {"related": "globex", "name": "Globex"}


def test_entity_calls_are_classed_by_their_action(runtime: Runtime) -> None:
    identify_batch = succeeded(runtime.run(f'''return {CIO}.send_entity_batch({{ batch = {{
        {{ type = "person", action = "identify", identifiers = {{ id = "user-1001" }},
           attributes = {{ plan = "pro" }} }},
        {{ type = "object", action = "identify", identifiers = {{ object_type_id = "1", object_id = "acme" }} }},
      }} }})'''))
    assert identify_batch == {}
    with_delete = runtime.run(f'''return {CIO}.send_entity_batch({{ batch = {{
        {{ type = "person", action = "identify", identifiers = {{ id = "user-1001" }} }},
        {{ type = "person", action = "delete", identifiers = {{ id = "user-1002" }} }},
      }} }})''')
    assert failed_with(with_delete, "permission_denied")["kind"] == "destructive"
    records = runtime.run(f'''{CIO}.send_entity_operation({{ type = "person", action = "identify",
        identifiers = {{ id = "user-1001" }} }})''').calls
    assert [r.kind for r in records] == ["write"]


def test_object_identifiers_are_checked_before_sending(runtime: Runtime) -> None:
    result = runtime.run(f'''return {CIO}.send_entity_operation({{ type = "object", action = "identify",
        identifiers = {{ object_id = "acme" }} }})''')
    assert "object_type_id" in failed_with(result, "validation_error").get("problems", [""])[0] or \
        "object_type_id" in result.error.message  # type: ignore[union-attr]
