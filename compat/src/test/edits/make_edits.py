#!/usr/bin/env python3
"""Writes the compat edit corpus: compat/src/test/resources/edits/<case>/{old,new}/asyncapi.yaml + expected.properties.

Each case is one contract edit written here by hand (a mutation of a small base document, AsyncAPI 2.6 or 3.0) with the
verdict expected when the application SENDS on the channel (role application: 2.x subscribe / 3.0 action send) and when
it RECEIVES (role client), and the rule id that must be among the findings. Run it from anywhere; the output is
committed, so the build needs no Python. Verdicts: BREAKING, NEEDS_COORDINATION, SAFE (the worst finding wins).
"""
import copy
import os
import shutil

import yaml

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "edits")

ORDER = {
    "type": "object",
    "required": ["id", "amount"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "amount": {"type": "integer", "minimum": 0},
        "status": {"type": "string", "enum": ["NEW", "PAID"]},
        "note": {"type": "string", "maxLength": 100},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
        "shipping": {"$ref": "#/components/schemas/Address"},
        "payment": {"oneOf": [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Cash"}]},
    },
}
SCHEMAS = {
    "Order": ORDER,
    "Address": {"type": "object", "properties": {"city": {"type": "string"}}},
    "Card": {"type": "object", "title": "Card", "required": ["kind"],
             "properties": {"kind": {"type": "string", "const": "card"}, "last4": {"type": "string"}}},
    "Cash": {"type": "object", "title": "Cash", "required": ["kind"],
             "properties": {"kind": {"type": "string", "const": "cash"}}},
    "Voucher": {"type": "object", "title": "Voucher", "required": ["kind"],
                "properties": {"kind": {"type": "string", "const": "voucher"}}},
}
MESSAGE = {
    "name": "OrderPlaced",
    "contentType": "application/json",
    "headers": {"type": "object", "properties": {"traceparent": {"type": "string"}}},
    "bindings": {"kafka": {"key": {"type": "string"}}},
    "payload": {"$ref": "#/components/schemas/Order"},
}
CANCELLED = {"name": "OrderCancelled", "payload": {"type": "object", "properties": {"id": {"type": "string"}}}}
GROUP = {"kafka": {"groupId": {"type": "string", "enum": ["billing"]}}}


def base(version):
    components = {
        "securitySchemes": {"sasl": {"type": "scramSha256"}},
        "messages": {"OrderPlaced": copy.deepcopy(MESSAGE), "OrderCancelled": copy.deepcopy(CANCELLED)},
        "schemas": copy.deepcopy(SCHEMAS),
    }
    if version == "2":
        return {
            "asyncapi": "2.6.0",
            "info": {"title": "Edits", "version": "1.0.0"},
            "servers": {"prod": {"url": "kafka:9092", "protocol": "kafka", "security": [{"sasl": []}]}},
            "channels": {"orders.v1": {
                "bindings": {"kafka": {"partitions": 3}},
                "subscribe": {"operationId": "onOrder", "bindings": copy.deepcopy(GROUP),
                              "message": {"$ref": "#/components/messages/OrderPlaced"}}}},
            "components": components,
        }
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Edits", "version": "1.0.0"},
        "servers": {"prod": {"host": "kafka:9092", "protocol": "kafka",
                             "security": [{"$ref": "#/components/securitySchemes/sasl"}]}},
        "channels": {"orders.v1": {
            "address": "orders.v1",
            "bindings": {"kafka": {"partitions": 3}},
            "messages": {"OrderPlaced": {"$ref": "#/components/messages/OrderPlaced"}}}},
        "operations": {"onOrder": {"action": "send", "channel": {"$ref": "#/channels/orders.v1"},
                                   "bindings": copy.deepcopy(GROUP)}},
        "components": components,
    }


def channel(d):
    return d["channels"]["orders.v1"]


def op(d):
    return channel(d)["subscribe"] if d["asyncapi"].startswith("2") else d["operations"]["onOrder"]


def order(d):
    return d["components"]["schemas"]["Order"]


def props(d):
    return order(d)["properties"]


def msg(d):
    return d["components"]["messages"]["OrderPlaced"]


def add_message(d):
    if d["asyncapi"].startswith("2"):
        op(d)["message"] = {"oneOf": [{"$ref": "#/components/messages/OrderPlaced"},
                                      {"$ref": "#/components/messages/OrderCancelled"}]}
    else:
        channel(d)["messages"]["OrderCancelled"] = {"$ref": "#/components/messages/OrderCancelled"}


def remove_message(d):
    if d["asyncapi"].startswith("2"):
        op(d)["message"] = {"$ref": "#/components/messages/OrderPlaced"}
    else:
        channel(d)["messages"].pop("OrderCancelled")


def add_versioned_channel(d):
    """The recommended way to break: orders.v2 beside orders.v1."""
    c = copy.deepcopy(channel(d))
    if d["asyncapi"].startswith("2"):
        c["subscribe"]["operationId"] = "onOrderV2"
    else:
        c["address"] = "orders.v2"
        c["messages"] = {"OrderPlaced": {"$ref": "#/components/messages/OrderPlaced"}}
        d["operations"]["onOrderV2"] = {"action": "send", "channel": {"$ref": "#/channels/orders.v2"}}
    d["channels"]["orders.v2"] = c


def rename_channel(d, old, new, topic=None):
    chans = d["channels"]
    c = chans.pop(old)
    if topic is not None:
        c.setdefault("bindings", {}).setdefault("kafka", {})["topic"] = topic
    if d["asyncapi"].startswith("3"):
        c["address"] = topic if topic is not None else new
        d["operations"]["onOrder"]["channel"] = {"$ref": "#/channels/" + new}
    chans[new] = c


def set_in(path, value):
    def edit(d):
        node = d
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
    return edit


CASES = []


def case(name, rule, send, receive, new, old=None, versions=("2", "3"), files=None):
    """old/new: functions editing a copy of the base; files: {name: (old_text, new_text)} written beside it."""
    for v in versions:
        CASES.append((name + "-v" + v, v, old, new, rule, send, receive, files))


def p(name, schema):
    return lambda d: props(d).__setitem__(name, schema)


def closed(d):
    order(d)["additionalProperties"] = False


def both(*fs):
    def edit(d):
        for f in fs:
            f(d)
    return edit


def required(*names):
    return lambda d: order(d).__setitem__("required", list(names))


# -- payload: properties and required ----------------------------------------------------------------------------
case("optional-property-added", "PROPERTY_ADDED", "SAFE", "SAFE", p("coupon", {"type": "string"}))
case("optional-property-added-closed", "PROPERTY_ADDED", "BREAKING", "SAFE",
     both(closed, p("coupon", {"type": "string"})), old=closed, versions=("2",))
case("required-property-added", "REQUIRED_PROPERTY_ADDED", "SAFE", "BREAKING",
     both(p("currency", {"type": "string"}), required("id", "amount", "currency")))
case("required-property-added-with-default", "PROPERTY_ADDED", "SAFE", "SAFE",
     both(p("currency", {"type": "string", "default": "EUR"}), required("id", "amount", "currency")),
     versions=("2",))
case("required-property-removed", "REQUIRED_PROPERTY_REMOVED", "BREAKING", "SAFE",
     both(lambda d: props(d).pop("amount"), required("id")))
case("optional-property-removed", "PROPERTY_REMOVED", "SAFE", "SAFE", lambda d: props(d).pop("note"))
case("optional-property-removed-closed", "PROPERTY_REMOVED", "SAFE", "BREAKING",
     both(closed, lambda d: props(d).pop("note")), old=closed, versions=("2",))
case("property-now-required", "PROPERTY_NOW_REQUIRED", "SAFE", "BREAKING", required("id", "amount", "note"))
case("property-now-optional", "PROPERTY_NOW_OPTIONAL", "BREAKING", "SAFE", required("id"))
# -- types and formats -------------------------------------------------------------------------------------------
case("type-changed", "TYPE_CHANGED", "BREAKING", "BREAKING", p("note", {"type": "boolean"}))
case("integer-to-number", "TYPE_WIDENED", "BREAKING", "SAFE", p("amount", {"type": "number", "minimum": 0}))
case("number-to-integer", "TYPE_NARROWED", "SAFE", "BREAKING", p("amount", {"type": "integer", "minimum": 0}),
     old=p("amount", {"type": "number", "minimum": 0}), versions=("2",))
case("now-nullable", "TYPE_WIDENED", "BREAKING", "SAFE", p("note", {"type": ["string", "null"], "maxLength": 100}),
     versions=("2",))
case("format-changed", "FORMAT_CHANGED", "BREAKING", "BREAKING", p("id", {"type": "string", "format": "uri"}),
     versions=("2",))
case("format-added", "FORMAT_CHANGED", "SAFE", "BREAKING",
     p("note", {"type": "string", "format": "date-time", "maxLength": 100}), versions=("2",))
case("format-removed", "FORMAT_CHANGED", "BREAKING", "SAFE", p("id", {"type": "string"}), versions=("2",))
case("int32-to-int64", "FORMAT_CHANGED", "BREAKING", "SAFE",
     p("amount", {"type": "integer", "format": "int64", "minimum": 0}),
     old=p("amount", {"type": "integer", "format": "int32", "minimum": 0}), versions=("2",))
case("nested-ref-type-changed", "TYPE_CHANGED", "BREAKING", "BREAKING",
     lambda d: d["components"]["schemas"]["Address"]["properties"].__setitem__("city", {"type": "integer"}))
case("items-type-changed", "TYPE_CHANGED", "BREAKING", "BREAKING",
     p("tags", {"type": "array", "items": {"type": "integer"}, "maxItems": 10}), versions=("2",))
# -- enums and constraints ---------------------------------------------------------------------------------------
case("enum-value-added", "ENUM_VALUE_ADDED", "BREAKING", "SAFE",
     p("status", {"type": "string", "enum": ["NEW", "PAID", "SHIPPED"]}))
case("enum-value-removed", "ENUM_VALUE_REMOVED", "SAFE", "BREAKING", p("status", {"type": "string", "enum": ["NEW"]}))
case("enum-reordered", "", "SAFE", "SAFE", p("status", {"type": "string", "enum": ["PAID", "NEW"]}), versions=("2",))
case("max-length-tightened", "CONSTRAINT_TIGHTENED", "SAFE", "BREAKING", p("note", {"type": "string", "maxLength": 50}))
case("max-length-loosened", "CONSTRAINT_LOOSENED", "BREAKING", "SAFE", p("note", {"type": "string", "maxLength": 200}))
case("minimum-tightened", "CONSTRAINT_TIGHTENED", "SAFE", "BREAKING", p("amount", {"type": "integer", "minimum": 1}),
     versions=("2",))
case("minimum-removed", "CONSTRAINT_LOOSENED", "BREAKING", "SAFE", p("amount", {"type": "integer"}), versions=("2",))
case("minimum-made-exclusive", "CONSTRAINT_TIGHTENED", "SAFE", "BREAKING",
     p("amount", {"type": "integer", "exclusiveMinimum": 0}), versions=("2",))
case("pattern-added", "CONSTRAINT_TIGHTENED", "SAFE", "BREAKING",
     p("note", {"type": "string", "maxLength": 100, "pattern": "^[a-z ]*$"}), versions=("2",))
case("pattern-changed", "CONSTRAINT_CHANGED", "BREAKING", "BREAKING",
     p("note", {"type": "string", "maxLength": 100, "pattern": "^[A-Z]*$"}),
     old=p("note", {"type": "string", "maxLength": 100, "pattern": "^[a-z]*$"}), versions=("2",))
case("max-items-tightened", "CONSTRAINT_TIGHTENED", "SAFE", "BREAKING",
     p("tags", {"type": "array", "items": {"type": "string"}, "maxItems": 5}), versions=("2",))
case("min-items-added", "CONSTRAINT_TIGHTENED", "SAFE", "BREAKING",
     p("tags", {"type": "array", "items": {"type": "string"}, "maxItems": 10, "minItems": 1}), versions=("2",))
case("unique-items-added", "CONSTRAINT_TIGHTENED", "SAFE", "BREAKING",
     p("tags", {"type": "array", "items": {"type": "string"}, "maxItems": 10, "uniqueItems": True}), versions=("2",))
case("additional-properties-forbidden", "CONSTRAINT_TIGHTENED", "SAFE", "BREAKING", closed)
case("additional-properties-allowed", "CONSTRAINT_LOOSENED", "BREAKING", "SAFE",
     lambda d: order(d).pop("additionalProperties"), old=closed, versions=("2",))
# -- unions ------------------------------------------------------------------------------------------------------
case("one-of-variant-added", "ONEOF_VARIANT_ADDED", "BREAKING", "SAFE",
     p("payment", {"oneOf": [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Cash"},
                             {"$ref": "#/components/schemas/Voucher"}]}))
case("one-of-variant-removed", "ONEOF_VARIANT_REMOVED", "SAFE", "BREAKING",
     p("payment", {"oneOf": [{"$ref": "#/components/schemas/Card"}]}))
case("discriminator-changed", "DISCRIMINATOR_CHANGED", "BREAKING", "BREAKING",
     p("payment", {"oneOf": [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Cash"}],
                   "discriminator": "type"}),
     old=p("payment", {"oneOf": [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Cash"}],
                       "discriminator": "kind"}), versions=("2",))
# -- messages, headers, keys -------------------------------------------------------------------------------------
case("message-added", "MESSAGE_ADDED", "BREAKING", "SAFE", add_message)
case("message-removed", "MESSAGE_REMOVED", "SAFE", "BREAKING", remove_message, old=add_message)
case("message-renamed", "MESSAGE_RENAMED", "SAFE", "SAFE", set_in(["components", "messages", "OrderPlaced", "name"],
                                                                     "OrderSubmitted"), versions=("2",))
case("content-type-changed", "CONTENT_TYPE_CHANGED", "BREAKING", "BREAKING",
     lambda d: msg(d).__setitem__("contentType", "application/vnd.orders+json"), versions=("2",))
case("required-header-added", "REQUIRED_HEADER_ADDED", "SAFE", "BREAKING",
     lambda d: msg(d).__setitem__("headers", {"type": "object", "required": ["tenant"], "properties": {
         "traceparent": {"type": "string"}, "tenant": {"type": "string"}}}))
case("optional-header-added", "PROPERTY_ADDED", "SAFE", "SAFE",
     lambda d: msg(d)["headers"]["properties"].__setitem__("tenant", {"type": "string"}), versions=("2",))
case("key-type-changed", "KEY_CHANGED", "BREAKING", "BREAKING",
     lambda d: msg(d).__setitem__("bindings", {"kafka": {"key": {"type": "integer"}}}))
case("key-encoding-changed", "KEY_CHANGED", "BREAKING", "BREAKING",
     lambda d: msg(d).__setitem__("bindings", {"kafka": {"key": {"type": "string", "contentEncoding": "base64"}}}),
     versions=("2",))
case("key-removed", "KEY_REMOVED", "BREAKING", "BREAKING", lambda d: msg(d).pop("bindings"), versions=("2",))
case("key-added", "KEY_ADDED", "NEEDS_COORDINATION", "NEEDS_COORDINATION",
     lambda d: msg(d).__setitem__("bindings", {"kafka": {"key": {"type": "string"}}}),
     old=lambda d: msg(d).pop("bindings"), versions=("2",))
# -- channels, topics, operations --------------------------------------------------------------------------------
case("partitions-decreased", "PARTITIONS_DECREASED", "BREAKING", "BREAKING",
     set_in(["channels", "orders.v1", "bindings", "kafka", "partitions"], 2))
case("partitions-increased-keyed", "PARTITIONS_INCREASED_KEYED", "NEEDS_COORDINATION", "NEEDS_COORDINATION",
     set_in(["channels", "orders.v1", "bindings", "kafka", "partitions"], 6))
case("partitions-increased-unkeyed", "PARTITIONS_INCREASED", "SAFE", "SAFE",
     set_in(["channels", "orders.v1", "bindings", "kafka", "partitions"], 6),
     old=lambda d: msg(d).pop("bindings"), versions=("2",))
case("cleanup-policy-changed", "CLEANUP_POLICY_CHANGED", "NEEDS_COORDINATION", "NEEDS_COORDINATION",
     set_in(["channels", "orders.v1", "bindings", "kafka", "topicConfiguration"], {"cleanup.policy": ["compact"]}))
case("consumer-group-changed", "CONSUMER_GROUP_CHANGED", "SAFE", "NEEDS_COORDINATION",
     lambda d: op(d).__setitem__("bindings", {"kafka": {"groupId": {"type": "string", "enum": ["billing-v2"]}}}))
case("channel-removed", "CHANNEL_REMOVED", "BREAKING", "BREAKING", lambda d: rename_channel(d, "orders.v1", "orders.v2"))
case("versioned-channel-added", "CHANNEL_ADDED", "SAFE", "SAFE", add_versioned_channel)
case("topic-changed", "TOPIC_CHANGED", "BREAKING", "BREAKING",
     set_in(["channels", "orders.v1", "bindings", "kafka", "topic"], "orders-main"), versions=("2",))
case("derived-topic-changed", "TOPIC_CHANGED", "BREAKING", "BREAKING",
     lambda d: channel(d).pop("x-address"), old=set_in(["channels", "orders.v1", "x-address"], "orders-main"),
     versions=("2",))
case("address-changed", "TOPIC_CHANGED", "BREAKING", "BREAKING", set_in(["channels", "orders.v1", "address"],
                                                                        "orders-main"), versions=("3",))
case("channel-renamed-same-topic", "CHANNEL_RENAMED", "SAFE", "SAFE",
     lambda d: rename_channel(d, "orders.v1", "ordersV1", topic="orders.v1"))
case("operation-id-changed", "OPERATION_ID_CHANGED", "SAFE", "SAFE",
     set_in(["channels", "orders.v1", "subscribe", "operationId"], "orderPlaced"), versions=("2",))
case("operation-removed", "OPERATION_REMOVED", "BREAKING", "BREAKING",
     lambda d: channel(d).pop("subscribe"), versions=("2",))
case("operation-removed", "OPERATION_REMOVED", "BREAKING", "BREAKING",
     lambda d: d.__setitem__("operations", {}), versions=("3",))
case("operation-added", "OPERATION_ADDED", "SAFE", "SAFE",
     lambda d: channel(d).__setitem__("publish", {"operationId": "onOrderEcho",
                                                  "message": {"$ref": "#/components/messages/OrderPlaced"}}),
     versions=("2",))
# -- 3.x request/reply: the requester (action send) receives replies, the replier (role client) sends them ---------
def with_reply(d):
    d["channels"]["orders.replies"] = {"address": "orders.replies", "messages": {"OrderAccepted": {
        "name": "OrderAccepted", "payload": {"type": "object", "required": ["id", "accepted"], "properties": {
            "id": {"type": "string"}, "accepted": {"type": "boolean"}}}}}}
    op(d)["reply"] = {"channel": {"$ref": "#/channels/orders.replies"}}


def reply_payload(d):
    return d["channels"]["orders.replies"]["messages"]["OrderAccepted"]["payload"]


case("reply-required-property-removed", "REQUIRED_PROPERTY_REMOVED", "SAFE", "BREAKING",
     both(lambda d: reply_payload(d)["properties"].pop("accepted"), lambda d: reply_payload(d).__setitem__(
         "required", ["id"])), old=with_reply, versions=("3",))
case("reply-enum-value-added", "ENUM_VALUE_ADDED", "SAFE", "BREAKING",
     lambda d: reply_payload(d)["properties"].__setitem__("reason", {"type": "string", "enum": ["STOCK", "FRAUD",
                                                                                               "LIMIT"]}),
     old=both(with_reply, lambda d: reply_payload(d)["properties"].__setitem__(
         "reason", {"type": "string", "enum": ["STOCK", "FRAUD"]})), versions=("3",))
case("reply-added", "REPLY_ADDED", "BREAKING", "SAFE", with_reply, versions=("3",))
case("reply-removed", "REPLY_REMOVED", "SAFE", "BREAKING", lambda d: op(d).pop("reply"), old=with_reply,
     versions=("3",))
case("reply-address-changed", "REPLY_ADDRESS_CHANGED", "BREAKING", "BREAKING",
     lambda d: op(d)["reply"].__setitem__("address", {"location": "$message.header#/replyTo"}), old=with_reply,
     versions=("3",))
# -- servers and security ----------------------------------------------------------------------------------------
case("server-removed", "SERVER_REMOVED", "BREAKING", "BREAKING", lambda d: d["servers"].pop("staging"),
     old=lambda d: d["servers"].__setitem__("staging", copy.deepcopy(d["servers"]["prod"])))
case("server-protocol-changed", "SERVER_CHANGED", "NEEDS_COORDINATION", "NEEDS_COORDINATION",
     set_in(["servers", "prod", "protocol"], "kafka-secure"))
case("security-scheme-removed", "SECURITY_SCHEME_REMOVED", "BREAKING", "BREAKING",
     lambda d: d["components"]["securitySchemes"].pop("mtls"),
     old=lambda d: d["components"]["securitySchemes"].__setitem__("mtls", {"type": "X509"}))
# -- edits that change nothing on the wire -----------------------------------------------------------------------
case("description-changed", "", "SAFE", "SAFE",
     lambda d: props(d)["note"].__setitem__("description", "free text from the customer"))
case("schema-inlined", "", "SAFE", "SAFE", lambda d: props(d).__setitem__("shipping", copy.deepcopy(
    d["components"]["schemas"]["Address"])), versions=("2",))
# -- modes chosen in the contract --------------------------------------------------------------------------------
case("x-compatibility-none", "REQUIRED_PROPERTY_REMOVED", "SAFE", "SAFE",
     both(lambda d: props(d).pop("amount"), required("id"), lambda d: order(d).__setitem__("x-compatibility", "NONE")),
     versions=("2",))
case("x-compatibility-full", "ENUM_VALUE_REMOVED", "BREAKING", "BREAKING",
     both(p("status", {"type": "string", "enum": ["NEW"]}), lambda d: order(d).__setitem__("x-compatibility", "FULL")),
     old=lambda d: order(d).__setitem__("x-compatibility", "FULL"), versions=("2",))

# -- a $ref'd file: the change in the referenced file counts like an inline one ------------------------------------
ADDRESS_OLD = "type: object\nproperties:\n  city:\n    type: string\n"
ADDRESS_NEW = "type: object\nproperties:\n  city:\n    type: integer\n"
ADDRESS_DOC = "type: object\ndescription: where the order goes\nproperties:\n  city:\n    type: string\n"


def external(d):
    props(d)["shipping"] = {"$ref": "address.yaml"}


case("ref-file-type-changed", "TYPE_CHANGED", "BREAKING", "BREAKING", external, old=external,
     files={"address.yaml": (ADDRESS_OLD, ADDRESS_NEW)})
case("ref-file-description-changed", "", "SAFE", "SAFE", external, old=external,
     files={"address.yaml": (ADDRESS_OLD, ADDRESS_DOC)}, versions=("2",))


def dump(d):
    return yaml.safe_dump(d, sort_keys=False, default_flow_style=False, width=120)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for name, v, old, new, rule, send, receive, files in CASES:
        o = base(v)
        if old:
            old(o)
        n = copy.deepcopy(o)
        new(n)
        for side, d in (("old", o), ("new", n)):
            folder = os.path.join(OUT, name, side)
            os.makedirs(folder)
            with open(os.path.join(folder, "asyncapi.yaml"), "w") as f:
                f.write("# compat edit corpus, case " + name + " (" + side + "); written by make_edits.py\n" + dump(d))
            for fname, (ot, nt) in (files or {}).items():
                with open(os.path.join(folder, fname), "w") as f:
                    f.write(ot if side == "old" else nt)
        with open(os.path.join(OUT, name, "expected.properties"), "w") as f:
            f.write("rule=%s\nsend=%s\nreceive=%s\n" % (rule, send, receive))
    print(len(CASES), "cases")


main()
