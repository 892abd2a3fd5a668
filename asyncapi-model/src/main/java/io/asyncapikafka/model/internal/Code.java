package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.Severity;

/**
 * Every diagnostic the reader can report. The ids are stable (build logs and tests refer to them); never renumber,
 * only add. {@code asyncapi-model/DIAGNOSTICS.md} lists them.
 */
public enum Code {
    IO_ERROR("AKM001", Severity.ERROR, "Check that the file exists and is readable."),
    SYNTAX("AKM002", Severity.ERROR, "Fix the YAML/JSON syntax at this position."),
    TAB_INDENT("AKM003", Severity.ERROR, "Indent YAML with spaces; tabs are not allowed."),
    EMPTY_DOCUMENT("AKM004", Severity.ERROR, "Write an AsyncAPI document into the file."),
    ROOT_NOT_MAP("AKM005", Severity.ERROR, "The document must be a map with asyncapi, info and channels."),
    FILE_TOO_LARGE("AKM006", Severity.ERROR, "Split the contract or raise maxFileBytes."),
    TOO_DEEP("AKM007", Severity.ERROR, "Flatten the structure or raise maxDepth."),
    ALIAS_LIMIT("AKM008", Severity.ERROR, "Use fewer YAML aliases (&anchor/*alias) or raise maxAliases."),
    DUPLICATE_KEY("AKM009", Severity.ERROR, "Remove one of the duplicate keys."),
    MISSING_FIELD("AKM010", Severity.ERROR, "Add the required field."),
    UNSUPPORTED_VERSION("AKM011", Severity.ERROR, "Use an AsyncAPI version from 2.0.0 to 2.6.0, or 3.0.x / 3.1.x."),
    WRONG_TYPE("AKM012", Severity.ERROR, "Give this field the type the AsyncAPI 2.x specification requires."),
    UNRESOLVED_REF("AKM020", Severity.ERROR, "Point the $ref at an existing location."),
    REF_FILE_NOT_FOUND("AKM021", Severity.ERROR, "Create the referenced file or fix the path."),
    REF_CYCLE("AKM022", Severity.ERROR, "Break the cycle; only schemas may be recursive."),
    REF_OUTSIDE_ROOT("AKM023", Severity.ERROR, "Move the file under the contract's folder or the root directory (the"
            + " Maven project's base directory), or enable allowRefsOutsideRoot."),
    REMOTE_REF("AKM024", Severity.ERROR, "Copy the document locally or enable allowRemoteRefs."),
    BAD_REF("AKM025", Severity.ERROR, "Write $ref as a string: 'file.yaml#/json/pointer'."),
    SCHEMA_FORMAT("AKM030", Severity.ERROR, "Describe the payload with JSON Schema (AsyncAPI schema), an OpenAPI 3.0"
            + " Schema Object or an Avro 1.x schema; Protobuf and RAML are not supported (the diagnostic's hint names the format seen)."),
    UNKNOWN_SCHEMA_TYPE("AKM031", Severity.ERROR, "Use one of object, array, string, integer, number, boolean, null."),
    SCHEMA_DEVIATION("AKM032", Severity.WARNING, "Use the JSON Schema form (examples: [...], type: [T, \"null\"])."),
    SCHEMA_UNSUPPORTED("AKM033", Severity.WARNING, "Remove the keyword or express the rule another way; it is ignored."),
    SCHEMA_BAD_VALUE("AKM034", Severity.WARNING, "Give the keyword a value of the right type; it is ignored."),
    BINDING_UNKNOWN_KEY("AKM040", Severity.WARNING, "Remove the key or check its spelling against the Kafka bindings."),
    BINDING_BARE_STRING("AKM041", Severity.WARNING, "Write the value as a schema: {type: string, enum: [value]}."),
    BINDING_INT_RANGE("AKM042", Severity.WARNING, "The Kafka binding schema declares an int here; the value is kept as a string."),
    BINDING_BAD_VALUE("AKM043", Severity.ERROR, "Give the binding field a value of the type the Kafka binding requires."),
    BINDING_NOT_FIXED("AKM044", Severity.WARNING, "Fix the value with const or a single-value enum."),
    TOPIC_NAME("AKM045", Severity.ERROR, "Kafka topic names may only use letters, digits, '.', '_' and '-' (at most 249):"
            + " set bindings.kafka.topic to such a name, or name the channel that way (e.g. with '.' instead of '/')."),
    TOPIC_DERIVED("AKM046", Severity.WARNING, "Pin the topic with bindings.kafka.topic (or x-address) if the derived"
            + " name (leading '/' dropped, '/' replaced by '.') is not the one you want."),
    OPERATION_ID_DERIVED("AKM050", Severity.WARNING, "Add an operationId; generated method names depend on it."),
    DUPLICATE_OPERATION_ID("AKM051", Severity.ERROR, "Give every operation a unique operationId."),
    UNKNOWN_SECURITY_SCHEME("AKM052", Severity.ERROR, "Declare the scheme under components/securitySchemes."),
    CHANNEL_PARAMETER("AKM053", Severity.WARNING, "Declare each {name} of the channel under parameters, and only those."),
    STRUCTURE("AKM054", Severity.WARNING, "Check this part of the document against the AsyncAPI 2.x specification."),
    INVALID_DOCUMENT("AKM055", Severity.ERROR, "Fix the document: the AsyncAPI JSON schema of its version does not"
            + " allow this (the official parser refuses it)."),
    SERVER_VARIABLE("AKM056", Severity.ERROR, "Declare every {name} of the server's address under variables, each with"
            + " a default (one of its enum values, if it has an enum)."),
    SERVER_VARIABLE_UNUSED("AKM057", Severity.WARNING, "Remove the variable or use it as {name} in the server's address."),
    DUPLICATE_MESSAGE("AKM058", Severity.ERROR, "List each message once per operation, and give different messages"
            + " different messageIds."),
    // AsyncAPI 3.x (ModelBuilderV3)
    EXACTLY_ONCE_ON_SEND("AKM065", Severity.WARNING, "Put x-asyncapi-kafka-exactly-once on the receive operation"
            + " whose handler sends; on a send operation it has no effect."),
    V3_ACTION("AKM070", Severity.ERROR, "Set the operation's action to send or receive (the application's own view)."),
    V3_OPERATION_CHANNEL("AKM071", Severity.ERROR, "Point the operation's channel at a channel under the root channels with a $ref, e.g. '#/channels/orders'."),
    V3_OPERATION_MESSAGE("AKM072", Severity.ERROR, "List only $refs to messages of the operation's channel, e.g. '#/channels/orders/messages/OrderCreated'."),
    V3_LEGACY_FIELD("AKM073", Severity.ERROR, "Write this part the AsyncAPI 3.x way: operations under 'operations' with 'action', servers with 'host', payload formats in {schemaFormat, schema}."),
    V3_UNKNOWN_FIELD("AKM075", Severity.ERROR, "Check the field against the AsyncAPI 3.x specification (spelling, or a 2.x field), or name an extension x-..."),
    V3_REPLY("AKM076", Severity.ERROR, "Give the reply a channel $ref (for its messages) and/or an address with a location like '$message.header#/replyTo'."),
    V3_REPLY_INCOMPLETE("AKM077", Severity.WARNING, "Give the reply a channel with messages, so a typed reply can be generated."),
    V3_DUPLICATE_ADDRESS("AKM078", Severity.ERROR, "Give each channel its own address (one Kafka topic, one channel), or pin distinct topics with bindings.kafka.topic."),
    // Avro payloads (AvroSchemaReader)
    AVRO_SCHEMA("AKM080", Severity.ERROR, "Fix the Avro schema so that Avro's own parser accepts it (record name,"
            + " fields with name and type, known type names, defaults of the field's type)."),
    AVRO_UNION("AKM081", Severity.ERROR, "Use a single type or [\"null\", T] in an Avro union, or wrap the"
            + " alternatives in a record with one optional field each."),
    AVRO_WRITER("AKM082", Severity.ERROR, "List Avro schemas (inline, or a $ref to an .avsc file each defining its"
            + " types) under x-asyncapi-kafka-avro-writers."),
    AVRO_WRITER_INCOMPATIBLE("AKM083", Severity.ERROR, "Change the message's schema so that it can read records of"
            + " that version (Avro's resolution rules: new fields need defaults, no removed enum symbol without an enum"
            + " default, ...), or drop the version from x-asyncapi-kafka-avro-writers."),
    AVRO_IDL("AKM084", Severity.ERROR, "Fix the .avdl file so that Avro's IDL reader accepts it, and name one of its"
            + " types after '#' (file.avdl#Name), or declare the file's main schema."),
    EXAMPLE_SHAPE("AKM085", Severity.ERROR, "Write examples as a list of objects with payload and/or headers (and name, summary)."),
    MESSAGE_FIELD("AKM086", Severity.ERROR, "Remove the field or name it x-...; list several messages of an operation under 'oneOf'."),
    INTERNAL("AKM099", Severity.ERROR, "This is a bug in the reader; please report it with the contract.");

    private final String id;
    private final Severity severity;
    private final String hint;

    Code(String id, Severity severity, String hint) {
        this.id = id;
        this.severity = severity;
        this.hint = hint;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String hint() {
        return hint;
    }
}
