$version: "2.0"

namespace com.amazonaws.connectcases

use aws.api#arn
use aws.api#service
use aws.auth#sigv4
use aws.protocols#restJson1
use smithy.rules#endpointRuleSet
use smithy.rules#endpointTests

/// The caller lacks the permissions this request needs (HTTP 403).
@error("client")
@httpError(403)
structure AccessDeniedException {
    @required
    message: String
}

/// Amazon Connect Cases lets contact center agents follow a customer issue from first report to resolution, even when it spans several interactions, follow-up tasks and teams.
///
/// Each case is a record of one customer issue: what happened, what was done about it, which contacts and items relate to it, and how it ended.
///
/// This model is a subset of the service: creating and reading cases, and adding, searching and deleting the items related to a case (comments, contacts, files, SLAs, other cases and custom items). The Amazon Connect Administrator Guide covers the service in depth.
@service(
    sdkId: "ConnectCases"
    arnNamespace: "cases"
    cloudTrailEventSource: "event-source-placeholder"
    endpointPrefix: "cases"
)
@sigv4(
    name: "cases"
)
@restJson1
@cors(
    additionalAllowedHeaders: [
        "*"
        "Authorization"
        "Date"
        "X-Amz-Date"
        "X-Amz-Security-Token"
        "X-Amz-Target"
        "content-type"
        "x-amz-content-sha256"
        "x-amz-user-agent"
        "x-amzn-platform-id"
        "x-amzn-trace-id"
    ]
)
@title("Amazon Connect Cases")
@endpointRuleSet(
    version: "1.0"
    parameters: {
        Region: {
            builtIn: "AWS::Region"
            required: false
            documentation: "The AWS region used to dispatch the request."
            type: "string"
        }
        UseDualStack: {
            builtIn: "AWS::UseDualStack"
            required: true
            default: false
            documentation: "When true, use the dual-stack endpoint. If the configured endpoint does not support dual-stack, dispatching the request MAY return an error."
            type: "boolean"
        }
        UseFIPS: {
            builtIn: "AWS::UseFIPS"
            required: true
            default: false
            documentation: "When true, send this request to the FIPS-compliant regional endpoint. If the configured endpoint does not have a FIPS compliant endpoint, dispatching the request will return an error."
            type: "boolean"
        }
        Endpoint: {
            builtIn: "SDK::Endpoint"
            required: false
            documentation: "Override the endpoint used to send this request"
            type: "string"
        }
    }
    rules: [
        {
            conditions: [
                {
                    fn: "isSet"
                    argv: [
                        {
                            ref: "Endpoint"
                        }
                    ]
                }
            ]
            rules: [
                {
                    conditions: [
                        {
                            fn: "booleanEquals"
                            argv: [
                                {
                                    ref: "UseFIPS"
                                }
                                true
                            ]
                        }
                    ]
                    error: "Invalid Configuration: FIPS and custom endpoint are not supported"
                    type: "error"
                }
                {
                    conditions: []
                    rules: [
                        {
                            conditions: [
                                {
                                    fn: "booleanEquals"
                                    argv: [
                                        {
                                            ref: "UseDualStack"
                                        }
                                        true
                                    ]
                                }
                            ]
                            error: "Invalid Configuration: Dualstack and custom endpoint are not supported"
                            type: "error"
                        }
                        {
                            conditions: []
                            endpoint: {
                                url: {
                                    ref: "Endpoint"
                                }
                                properties: {}
                                headers: {}
                            }
                            type: "endpoint"
                        }
                    ]
                    type: "tree"
                }
            ]
            type: "tree"
        }
        {
            conditions: []
            rules: [
                {
                    conditions: [
                        {
                            fn: "isSet"
                            argv: [
                                {
                                    ref: "Region"
                                }
                            ]
                        }
                    ]
                    rules: [
                        {
                            conditions: [
                                {
                                    fn: "aws.partition"
                                    argv: [
                                        {
                                            ref: "Region"
                                        }
                                    ]
                                    assign: "PartitionResult"
                                }
                            ]
                            rules: [
                                {
                                    conditions: [
                                        {
                                            fn: "booleanEquals"
                                            argv: [
                                                {
                                                    ref: "UseFIPS"
                                                }
                                                true
                                            ]
                                        }
                                        {
                                            fn: "booleanEquals"
                                            argv: [
                                                {
                                                    ref: "UseDualStack"
                                                }
                                                true
                                            ]
                                        }
                                    ]
                                    rules: [
                                        {
                                            conditions: [
                                                {
                                                    fn: "booleanEquals"
                                                    argv: [
                                                        true
                                                        {
                                                            fn: "getAttr"
                                                            argv: [
                                                                {
                                                                    ref: "PartitionResult"
                                                                }
                                                                "supportsFIPS"
                                                            ]
                                                        }
                                                    ]
                                                }
                                                {
                                                    fn: "booleanEquals"
                                                    argv: [
                                                        true
                                                        {
                                                            fn: "getAttr"
                                                            argv: [
                                                                {
                                                                    ref: "PartitionResult"
                                                                }
                                                                "supportsDualStack"
                                                            ]
                                                        }
                                                    ]
                                                }
                                            ]
                                            rules: [
                                                {
                                                    conditions: []
                                                    rules: [
                                                        {
                                                            conditions: []
                                                            endpoint: {
                                                                url: "https://cases-fips.{Region}.{PartitionResult#dualStackDnsSuffix}"
                                                                properties: {}
                                                                headers: {}
                                                            }
                                                            type: "endpoint"
                                                        }
                                                    ]
                                                    type: "tree"
                                                }
                                            ]
                                            type: "tree"
                                        }
                                        {
                                            conditions: []
                                            error: "FIPS and DualStack are enabled, but this partition does not support one or both"
                                            type: "error"
                                        }
                                    ]
                                    type: "tree"
                                }
                                {
                                    conditions: [
                                        {
                                            fn: "booleanEquals"
                                            argv: [
                                                {
                                                    ref: "UseFIPS"
                                                }
                                                true
                                            ]
                                        }
                                    ]
                                    rules: [
                                        {
                                            conditions: [
                                                {
                                                    fn: "booleanEquals"
                                                    argv: [
                                                        {
                                                            fn: "getAttr"
                                                            argv: [
                                                                {
                                                                    ref: "PartitionResult"
                                                                }
                                                                "supportsFIPS"
                                                            ]
                                                        }
                                                        true
                                                    ]
                                                }
                                            ]
                                            rules: [
                                                {
                                                    conditions: []
                                                    rules: [
                                                        {
                                                            conditions: []
                                                            endpoint: {
                                                                url: "https://cases-fips.{Region}.{PartitionResult#dnsSuffix}"
                                                                properties: {}
                                                                headers: {}
                                                            }
                                                            type: "endpoint"
                                                        }
                                                    ]
                                                    type: "tree"
                                                }
                                            ]
                                            type: "tree"
                                        }
                                        {
                                            conditions: []
                                            error: "FIPS is enabled but this partition does not support FIPS"
                                            type: "error"
                                        }
                                    ]
                                    type: "tree"
                                }
                                {
                                    conditions: [
                                        {
                                            fn: "booleanEquals"
                                            argv: [
                                                {
                                                    ref: "UseDualStack"
                                                }
                                                true
                                            ]
                                        }
                                    ]
                                    rules: [
                                        {
                                            conditions: [
                                                {
                                                    fn: "booleanEquals"
                                                    argv: [
                                                        true
                                                        {
                                                            fn: "getAttr"
                                                            argv: [
                                                                {
                                                                    ref: "PartitionResult"
                                                                }
                                                                "supportsDualStack"
                                                            ]
                                                        }
                                                    ]
                                                }
                                            ]
                                            rules: [
                                                {
                                                    conditions: []
                                                    rules: [
                                                        {
                                                            conditions: []
                                                            endpoint: {
                                                                url: "https://cases.{Region}.{PartitionResult#dualStackDnsSuffix}"
                                                                properties: {}
                                                                headers: {}
                                                            }
                                                            type: "endpoint"
                                                        }
                                                    ]
                                                    type: "tree"
                                                }
                                            ]
                                            type: "tree"
                                        }
                                        {
                                            conditions: []
                                            error: "DualStack is enabled but this partition does not support DualStack"
                                            type: "error"
                                        }
                                    ]
                                    type: "tree"
                                }
                                {
                                    conditions: []
                                    rules: [
                                        {
                                            conditions: []
                                            endpoint: {
                                                url: "https://cases.{Region}.{PartitionResult#dnsSuffix}"
                                                properties: {}
                                                headers: {}
                                            }
                                            type: "endpoint"
                                        }
                                    ]
                                    type: "tree"
                                }
                            ]
                            type: "tree"
                        }
                    ]
                    type: "tree"
                }
                {
                    conditions: []
                    error: "Invalid Configuration: Missing Region"
                    type: "error"
                }
            ]
            type: "tree"
        }
    ]
)
@endpointTests(
    testCases: [
        {
            documentation: "For region us-east-1 with FIPS enabled and DualStack enabled"
            expect: {
                endpoint: {
                    url: "https://cases-fips.us-east-1.api.aws"
                }
            }
            params: {
                Region: "us-east-1"
                UseFIPS: true
                UseDualStack: true
            }
        }
        {
            documentation: "For region us-east-1 with FIPS enabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://cases-fips.us-east-1.amazonaws.com"
                }
            }
            params: {
                Region: "us-east-1"
                UseFIPS: true
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-east-1 with FIPS disabled and DualStack enabled"
            expect: {
                endpoint: {
                    url: "https://cases.us-east-1.api.aws"
                }
            }
            params: {
                Region: "us-east-1"
                UseFIPS: false
                UseDualStack: true
            }
        }
        {
            documentation: "For region us-east-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://cases.us-east-1.amazonaws.com"
                }
            }
            params: {
                Region: "us-east-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region cn-north-1 with FIPS enabled and DualStack enabled"
            expect: {
                endpoint: {
                    url: "https://cases-fips.cn-north-1.api.amazonwebservices.com.cn"
                }
            }
            params: {
                Region: "cn-north-1"
                UseFIPS: true
                UseDualStack: true
            }
        }
        {
            documentation: "For region cn-north-1 with FIPS enabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://cases-fips.cn-north-1.amazonaws.com.cn"
                }
            }
            params: {
                Region: "cn-north-1"
                UseFIPS: true
                UseDualStack: false
            }
        }
        {
            documentation: "For region cn-north-1 with FIPS disabled and DualStack enabled"
            expect: {
                endpoint: {
                    url: "https://cases.cn-north-1.api.amazonwebservices.com.cn"
                }
            }
            params: {
                Region: "cn-north-1"
                UseFIPS: false
                UseDualStack: true
            }
        }
        {
            documentation: "For region cn-north-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://cases.cn-north-1.amazonaws.com.cn"
                }
            }
            params: {
                Region: "cn-north-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-gov-east-1 with FIPS enabled and DualStack enabled"
            expect: {
                endpoint: {
                    url: "https://cases-fips.us-gov-east-1.api.aws"
                }
            }
            params: {
                Region: "us-gov-east-1"
                UseFIPS: true
                UseDualStack: true
            }
        }
        {
            documentation: "For region us-gov-east-1 with FIPS enabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://cases-fips.us-gov-east-1.amazonaws.com"
                }
            }
            params: {
                Region: "us-gov-east-1"
                UseFIPS: true
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-gov-east-1 with FIPS disabled and DualStack enabled"
            expect: {
                endpoint: {
                    url: "https://cases.us-gov-east-1.api.aws"
                }
            }
            params: {
                Region: "us-gov-east-1"
                UseFIPS: false
                UseDualStack: true
            }
        }
        {
            documentation: "For region us-gov-east-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://cases.us-gov-east-1.amazonaws.com"
                }
            }
            params: {
                Region: "us-gov-east-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-iso-east-1 with FIPS enabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://cases-fips.us-iso-east-1.c2s.ic.gov"
                }
            }
            params: {
                Region: "us-iso-east-1"
                UseFIPS: true
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-iso-east-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://cases.us-iso-east-1.c2s.ic.gov"
                }
            }
            params: {
                Region: "us-iso-east-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-isob-east-1 with FIPS enabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://cases-fips.us-isob-east-1.sc2s.sgov.gov"
                }
            }
            params: {
                Region: "us-isob-east-1"
                UseFIPS: true
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-isob-east-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://cases.us-isob-east-1.sc2s.sgov.gov"
                }
            }
            params: {
                Region: "us-isob-east-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For custom endpoint with region set and fips disabled and dualstack disabled"
            expect: {
                endpoint: {
                    url: "https://example.com"
                }
            }
            params: {
                Region: "us-east-1"
                UseFIPS: false
                UseDualStack: false
                Endpoint: "https://example.com"
            }
        }
        {
            documentation: "For custom endpoint with region not set and fips disabled and dualstack disabled"
            expect: {
                endpoint: {
                    url: "https://example.com"
                }
            }
            params: {
                UseFIPS: false
                UseDualStack: false
                Endpoint: "https://example.com"
            }
        }
        {
            documentation: "For custom endpoint with fips enabled and dualstack disabled"
            expect: {
                error: "Invalid Configuration: FIPS and custom endpoint are not supported"
            }
            params: {
                Region: "us-east-1"
                UseFIPS: true
                UseDualStack: false
                Endpoint: "https://example.com"
            }
        }
        {
            documentation: "For custom endpoint with fips disabled and dualstack enabled"
            expect: {
                error: "Invalid Configuration: Dualstack and custom endpoint are not supported"
            }
            params: {
                Region: "us-east-1"
                UseFIPS: false
                UseDualStack: true
                Endpoint: "https://example.com"
            }
        }
        {
            documentation: "Missing region"
            expect: {
                error: "Invalid Configuration: Missing Region"
            }
        }
    ]
    version: "1.0"
)
service AmazonConnectCases {
    version: "2022-10-03"
    resources: [
        Case
    ]
}

@timestampFormat("date-time")
timestamp AssociationTime

/// A case in a Cases domain, identified by its domain ID and case ID. This model binds only CreateCase and GetCase to it.
@arn(
    template: "domain/{domainId}/case/{caseId}"
)
resource Case {
    identifiers: {
        domainId: DomainId
        caseId: CaseId
    }
    create: CreateCase
    read: GetCase
    resources: [
        RelatedItem
    ]
}

@length(
    min: 1
    max: 500
)
string CaseArn

@length(
    min: 1
    max: 500
)
string CaseId

@length(
    min: 1
    max: 100
)
string Channel

list ChannelList {
    member: Channel
}

@length(
    min: 1
    max: 15000
)
string CommentBody

@enum([
    {
        value: "Text/Plain"
        name: "PLAINTEXT"
    }
])
string CommentBodyTextType

/// A comment on a case, as stored and shown to agents.
structure CommentContent {
    /// The comment's text.
    @required
    body: CommentBody
    /// Format of the comment's text; plain text is the only option.
    @required
    contentType: CommentBodyTextType
}

/// Selects related items that are comments. It has no parameters.
structure CommentFilter {}

/// The request clashes with the current state of a resource it touches (HTTP 409). Fix the state first, then retry; the message explains the clash.
@error("client")
@httpError(409)
structure ConflictException {
    @required
    message: String
}

/// A related item that links to another case.
structure ConnectCaseContent {
    /// ID of the linked case.
    @required
    caseId: CaseId
}

/// Selects related items that link to another case.
structure ConnectCaseFilter {
    /// Only match links to this case ID.
    caseId: CaseId
}

/// Input for a related item that links this case to another case.
structure ConnectCaseInputContent {
    /// ID of the case to link.
    @required
    caseId: CaseId
}

@timestampFormat("date-time")
timestamp ConnectedToSystemTime

/// A reference to an Amazon Connect contact, used when relating a contact to a case.
structure Contact {
    /// ARN that identifies the contact in Amazon Connect.
    @required
    contactArn: ContactArn
}

@length(
    min: 1
    max: 500
)
string ContactArn

/// A related item for an Amazon Connect contact, as returned by the service.
structure ContactContent {
    /// ARN that identifies the contact in Amazon Connect.
    @required
    contactArn: ContactArn
    /// Channel the contact came in on, for example VOICE or CHAT.
    @required
    channel: Channel
    /// When the contact connected to the system, taken from the contact record.
    @required
    connectedToSystemTime: ConnectedToSystemTime
}

/// Selects related items that are contacts.
structure ContactFilter {
    /// Only match contacts on one of these channels.
    @length(
        max: 3
    )
    channel: ChannelList
    /// Only match the contact with this ARN.
    contactArn: ContactArn
}

/// Opens a new case in a Cases domain.
///
/// The case's system and custom fields are passed as a list of field ID and value pairs, whose values must fit each field's declared type. Creating a case requires at least the customer_id field (the full ARN of a Customer Profiles profile) and the title field.
///
/// Tags given here are added to the case; if the template propagates tags, those are applied too. Setting performedBy.userArn also needs connect:DescribeUser permission on that user.
@http(
    uri: "/domains/{domainId}/cases"
    method: "POST"
)
@idempotent
operation CreateCase {
    input: CreateCaseRequest
    output: CreateCaseResponse
    errors: [
        AccessDeniedException
        ConflictException
        InternalServerException
        ResourceNotFoundException
        ThrottlingException
        ValidationException
    ]
}

structure CreateCaseRequest {
    /// ID of the Cases domain the case belongs to.
    @httpLabel
    @required
    domainId: DomainId
    /// ID of the template the case is based on.
    @required
    templateId: TemplateId
    /// Field values for the new case, each a field ID (as listed by ListFields) with a typed value.
    @length(
        max: 220
    )
    @required
    fields: FieldValueList
    /// Idempotency token: a caller-chosen, case-sensitive string that makes a retried request create the case only once. AWS SDKs fill it in when it is missing.
    @idempotencyToken
    @length(
        max: 64
    )
    clientToken: String
    /// Who is recorded as having created the case.
    performedBy: UserUnion
    /// Tags for the new case, as key and value pairs, for organizing cases and controlling access to them.
    tags: MutableTags
}

structure CreateCaseResponse {
    /// ID of the new case.
    @required
    caseId: CaseId
    /// ARN of the new case.
    @required
    caseArn: CaseArn
}

/// Adds a related item to a case: a contact, comment, file, SLA, link to another case, or custom item.
///
/// A related item has its own ID and ARN inside Cases and may point to something outside it, such as a contact ARN or a file ARN. Custom items have a quota on the number of fields.
///
/// Relating a contact needs DescribeContact permission on content.contact.contactArn, and setting performedBy.userArn needs DescribeUser permission on that user.
@http(
    uri: "/domains/{domainId}/cases/{caseId}/related-items/"
    method: "POST"
)
@idempotent
operation CreateRelatedItem {
    input: CreateRelatedItemRequest
    output: CreateRelatedItemResponse
    errors: [
        AccessDeniedException
        InternalServerException
        ResourceNotFoundException
        ServiceQuotaExceededException
        ThrottlingException
        ValidationException
    ]
}

structure CreateRelatedItemRequest {
    /// ID of the Cases domain.
    @httpLabel
    @required
    domainId: DomainId
    /// ID of the case that gets the item.
    @httpLabel
    @required
    caseId: CaseId
    /// Kind of related item; it must agree with the member set in content.
    @required
    type: RelatedItemType
    /// What the new related item holds; exactly one member is set.
    @required
    content: RelatedItemInputContent
    /// Who is recorded as having added the item.
    performedBy: UserUnion
}

structure CreateRelatedItemResponse {
    /// ID of the new related item.
    @required
    relatedItemId: RelatedItemId
    /// ARN of the new related item.
    @required
    relatedItemArn: RelatedItemArn
}

/// A custom related item, as returned by the service.
structure CustomContent {
    /// The custom item's field values.
    @required
    fields: FieldValueList
}

@length(
    min: 1
    max: 500
)
@pattern("^[a-zA-Z0-9_\\-\\.@:/ ]*[a-zA-Z0-9_\\-\\.@:/]$")
@sensitive
string CustomEntity

/// A condition on the fields of custom related items. Set exactly one member.
union CustomFieldsFilter {
    field: FieldFilter
    /// Matches items the nested condition does not match.
    not: CustomFieldsFilter
    /// Matches items that meet every condition in the list.
    @length(
        max: 10
    )
    andAll: CustomFieldsFilterList
    /// Matches items that meet at least one condition in the list.
    @length(
        max: 10
    )
    orAll: CustomFieldsFilterList
}

list CustomFieldsFilterList {
    member: CustomFieldsFilter
}

/// Selects custom related items.
structure CustomFilter {
    /// Condition the custom item's fields must meet.
    fields: CustomFieldsFilter
}

/// Input for a custom related item.
structure CustomInputContent {
    /// Field values of the custom item.
    @length(
        min: 1
        max: 50
    )
    @required
    fields: FieldValueList
}

/// Removes a related item from a case. File items cannot be removed this way; delete the file itself with Amazon Connect's DeleteAttachedFile.
@http(
    uri: "/domains/{domainId}/cases/{caseId}/related-items/{relatedItemId}"
    method: "DELETE"
)
@idempotent
operation DeleteRelatedItem {
    input: DeleteRelatedItemRequest
    output: DeleteRelatedItemResponse
    errors: [
        AccessDeniedException
        InternalServerException
        ResourceNotFoundException
        ThrottlingException
        ValidationException
    ]
}

@input
structure DeleteRelatedItemRequest {
    /// ID of the Cases domain.
    @httpLabel
    @required
    domainId: DomainId
    /// ID of the case that holds the item.
    @httpLabel
    @required
    caseId: CaseId
    /// ID of the related item to remove.
    @httpLabel
    @required
    relatedItemId: RelatedItemId
}

@output
structure DeleteRelatedItemResponse {}

@length(
    min: 1
    max: 500
)
string DomainId

/// Marks a field as having no value. It carries no data, and cannot be used for a field the case template requires.
structure EmptyFieldValue {}

/// A comparison between a field and a value. Set exactly one member.
union FieldFilter {
    /// Matches when the field equals this value.
    equalTo: FieldValue
    /// Matches when the field contains this value.
    contains: FieldValue
    /// Matches when the field is above this value.
    greaterThan: FieldValue
    /// Matches when the field is at or above this value.
    greaterThanOrEqualTo: FieldValue
    /// Matches when the field is below this value.
    lessThan: FieldValue
    /// Matches when the field is at or below this value.
    lessThanOrEqualTo: FieldValue
}

@length(
    min: 1
    max: 500
)
string FieldId

/// Names one field by its ID.
structure FieldIdentifier {
    /// ID of the field.
    @required
    id: FieldId
}

list FieldIdentifierList {
    member: FieldIdentifier
}

/// A field ID paired with the value it holds.
structure FieldValue {
    /// ID of the field.
    @required
    id: FieldId
    /// The field's value, in one of the supported types.
    @required
    value: FieldValueUnion
}

list FieldValueList {
    member: FieldValue
}

/// A field value; exactly one member is set. The Summary system field holds up to 3000 characters and other fields up to 4100; multi-byte characters lower the real limit.
union FieldValueUnion {
    /// A text value.
    @length(
        max: 4100
    )
    stringValue: String
    /// A numeric value.
    doubleValue: Double
    /// A true or false value.
    booleanValue: Boolean
    /// No value.
    emptyValue: EmptyFieldValue
    /// ARN of an Amazon Connect user.
    userArnValue: String
}

@length(
    min: 1
    max: 500
)
string FileArn

/// A related item for a file stored in Amazon Connect.
structure FileContent {
    /// ARN of the file in Amazon Connect.
    @required
    fileArn: FileArn
}

/// Selects related items that are files.
structure FileFilter {
    /// Only match the file with this ARN.
    fileArn: FileArn
}

/// Reads a case and the values of the requested fields. Fields come back in pages; follow nextToken for the rest.
@http(
    uri: "/domains/{domainId}/cases/{caseId}"
    method: "POST"
)
@paginated(
    inputToken: "nextToken"
    outputToken: "nextToken"
)
@readonly
operation GetCase {
    input: GetCaseRequest
    output: GetCaseResponse
    errors: [
        AccessDeniedException
        InternalServerException
        ResourceNotFoundException
        ThrottlingException
        ValidationException
    ]
}

structure GetCaseRequest {
    /// ID of the case to read.
    @httpLabel
    @required
    caseId: CaseId
    /// ID of the Cases domain.
    @httpLabel
    @required
    domainId: DomainId
    /// IDs of the fields to return.
    @length(
        min: 1
        max: 220
    )
    @required
    fields: FieldIdentifierList
    /// Pagination token from an earlier response; omit it for the first page.
    nextToken: NextToken
}

structure GetCaseResponse {
    /// Values of the requested fields.
    @length(
        max: 220
    )
    @required
    fields: FieldValueList
    /// ID of the template the case is based on.
    @required
    templateId: TemplateId
    /// Token for the next page of fields; absent on the last page.
    nextToken: NextToken
    /// Tags on the case, as key and value pairs.
    tags: Tags
}

/// The service hit an internal problem (HTTP 500). Retry later.
@error("server")
@httpError(500)
@retryable
structure InternalServerException {
    @required
    message: String
    /// Seconds to wait before a retry is expected to work, taken from the Retry-After header.
    @httpHeader("Retry-After")
    retryAfterSeconds: Integer
}

@length(
    min: 1
    max: 128
)
@pattern("^(?![aA][wW][sS]:)[a-zA-Z0-9 _.:/=+\\-@]+$")
string MutableTagKey

@length(
    min: 0
    max: 50
)
map MutableTags {
    key: MutableTagKey
    value: TagValueString
}

@length(
    min: 0
    max: 9000
)
string NextToken

/// An item related to a case, identified by its domain, case and related item IDs. This model binds CreateRelatedItem, DeleteRelatedItem and SearchRelatedItems (its list operation) to it.
@arn(
    template: "domain/{domainId}/case/{caseId}/related-item/{relatedItemId}"
)
resource RelatedItem {
    identifiers: {
        domainId: DomainId
        caseId: CaseId
        relatedItemId: RelatedItemId
    }
    create: CreateRelatedItem
    delete: DeleteRelatedItem
    list: SearchRelatedItems
}

@length(
    min: 1
    max: 500
)
string RelatedItemArn

/// What a related item holds, as returned by the service; one member per item type.
union RelatedItemContent {
    /// Set for a contact item.
    contact: ContactContent
    /// Set for a comment item.
    comment: CommentContent
    /// Set for a file item.
    file: FileContent
    /// Set for an SLA item.
    sla: SlaContent
    /// Set for an item that links another case.
    connectCase: ConnectCaseContent
    /// Set for a custom item.
    custom: CustomContent
}

list RelatedItemFilterList {
    member: RelatedItemTypeFilter
}

@length(
    min: 1
    max: 500
)
string RelatedItemId

/// What a new related item holds; set the one member that matches its type.
union RelatedItemInputContent {
    /// Relates a contact to the case.
    contact: Contact
    /// Adds a comment to the case.
    comment: CommentContent
    /// Relates a file to the case.
    file: FileContent
    /// Adds an SLA to the case.
    sla: SlaInputContent
    /// Links another case to this case.
    connectCase: ConnectCaseInputContent
    /// Adds a custom item to the case.
    custom: CustomInputContent
}

/// The kinds of related item a case can hold.
@enum([
    {
        value: "Contact"
        name: "CONTACT"
    }
    {
        value: "Comment"
        name: "COMMENT"
    }
    {
        value: "File"
        name: "FILE"
    }
    {
        value: "Sla"
        name: "SLA"
    }
    {
        value: "ConnectCase"
        name: "CONNECT_CASE"
    }
    {
        value: "Custom"
        name: "CUSTOM"
    }
])
string RelatedItemType

/// Selects related items of one type, optionally with conditions for that type. Set exactly one member.
union RelatedItemTypeFilter {
    /// Matches contact items.
    contact: ContactFilter
    /// Matches comment items.
    comment: CommentFilter
    /// Matches file items.
    file: FileFilter
    /// Matches SLA items.
    sla: SlaFilter
    /// Matches items that link another case.
    connectCase: ConnectCaseFilter
    /// Matches custom items.
    custom: CustomFilter
}

/// The named resource does not exist (HTTP 404). Check its ID, and that it was created in the Region the request went to.
@error("client")
@httpError(404)
structure ResourceNotFoundException {
    @required
    message: String
    /// ID of the resource that was not found.
    @required
    resourceId: String
    /// Kind of resource that was not found.
    @required
    resourceType: String
}

/// Lists the related items of a case, optionally narrowed by filters; with no filters, every related item is returned. Results come in pages.
@http(
    uri: "/domains/{domainId}/cases/{caseId}/related-items-search"
    method: "POST"
)
@paginated(
    inputToken: "nextToken"
    outputToken: "nextToken"
    pageSize: "maxResults"
    items: "relatedItems"
)
@readonly
operation SearchRelatedItems {
    input: SearchRelatedItemsRequest
    output: SearchRelatedItemsResponse
    errors: [
        AccessDeniedException
        InternalServerException
        ResourceNotFoundException
        ThrottlingException
        ValidationException
    ]
}

structure SearchRelatedItemsRequest {
    /// ID of the Cases domain.
    @httpLabel
    @required
    domainId: DomainId
    /// ID of the case whose items are searched.
    @httpLabel
    @required
    caseId: CaseId
    /// Largest number of items to return in one page.
    @range(
        min: 1
        max: 25
    )
    maxResults: Integer = null
    /// Pagination token from an earlier response; omit it for the first page.
    nextToken: NextToken
    /// Item types to select, each with optional conditions for that type. Without filters, every related item is returned.
    @length(
        min: 0
        max: 10
    )
    filters: RelatedItemFilterList
}

structure SearchRelatedItemsResponse {
    /// Token for the next page of items; absent on the last page.
    nextToken: NextToken
    /// The matching related items in this page.
    @length(
        max: 25
    )
    @required
    relatedItems: SearchRelatedItemsResponseItemList
}

/// One related item found by a search.
structure SearchRelatedItemsResponseItem {
    /// ID of the related item.
    @required
    relatedItemId: RelatedItemId
    /// Kind of related item.
    @required
    type: RelatedItemType
    /// When the item was added to the case.
    @required
    associationTime: AssociationTime
    /// What the item holds.
    @required
    content: RelatedItemContent
    /// Tags on the related item, as key and value pairs.
    tags: Tags
    /// Who added the item.
    performedBy: UserUnion
}

@sparse
list SearchRelatedItemsResponseItemList {
    member: SearchRelatedItemsResponseItem
}

/// A service quota would be exceeded (HTTP 402). The quotas are listed in the Amazon Connect Administrator Guide.
@error("client")
@httpError(402)
structure ServiceQuotaExceededException {
    @required
    message: String
}

@timestampFormat("date-time")
timestamp SlaCompletionTime

/// An SLA on a case, as returned by the service.
structure SlaConfiguration {
    /// Name of the SLA.
    @required
    name: SlaName
    /// Kind of SLA.
    @required
    type: SlaType
    /// Whether the SLA is active, overdue, met or not met.
    @required
    status: SlaStatus
    /// ID of the case field the SLA watches.
    fieldId: FieldId
    /// Values of the watched field that count as reaching the SLA.
    targetFieldValues: SlaFieldValueUnionList
    /// Deadline for meeting the SLA.
    @required
    targetTime: SlaTargetTime
    /// When the SLA was met.
    completionTime: SlaCompletionTime
}

/// A related item holding an SLA, as returned by the service.
structure SlaContent {
    /// The SLA's settings and state.
    @required
    slaConfiguration: SlaConfiguration
}

@length(
    min: 1
    max: 1
)
list SlaFieldValueUnionList {
    member: FieldValueUnion
}

/// Selects related items that are SLAs.
structure SlaFilter {
    /// Only match SLAs with this name.
    name: SlaName
    /// Only match SLAs in this state.
    status: SlaStatus
}

/// Settings for an SLA to add to a case.
structure SlaInputConfiguration {
    /// Name of the SLA.
    @required
    name: SlaName
    /// Kind of SLA.
    @required
    type: SlaType
    /// ID of the case field the SLA watches.
    fieldId: FieldId
    /// Values of the watched field that meet the SLA; reaching any one of them is enough.
    targetFieldValues: SlaFieldValueUnionList
    /// Minutes allowed for meeting the SLA.
    @required
    targetSlaMinutes: TargetSlaMinutes
}

/// Input for an SLA related item.
union SlaInputContent {
    /// Settings of the SLA to add.
    slaInputConfiguration: SlaInputConfiguration
}

@length(
    min: 1
    max: 500
)
@pattern("^.*[\\S]$")
@sensitive
string SlaName

@enum([
    {
        value: "Active"
        name: "ACTIVE"
    }
    {
        value: "Overdue"
        name: "OVERDUE"
    }
    {
        value: "Met"
        name: "MET"
    }
    {
        value: "NotMet"
        name: "NOT_MET"
    }
])
string SlaStatus

@timestampFormat("date-time")
timestamp SlaTargetTime

@enum([
    {
        value: "CaseField"
        name: "CASE_FIELD"
    }
])
string SlaType

@length(
    max: 256
)
@pattern("^([a-zA-Z0-9 _.:/=+\\-@]*)$")
string TagValueString

/// Tags as key and value pairs. The map is sparse: a value may be null.
@sparse
map Tags {
    key: String
    value: String
}

@range(
    min: 1
    max: 129600
)
long TargetSlaMinutes

@length(
    min: 1
    max: 500
)
string TemplateId

/// Too many requests in a short time (HTTP 429). Wait, then retry.
@error("client")
@httpError(429)
@retryable
structure ThrottlingException {
    @required
    message: String
}

@length(
    min: 1
    max: 500
)
string UserArn

/// Who performed an action: an Amazon Connect user or some other named entity.
union UserUnion {
    /// ARN of the Amazon Connect user.
    userArn: UserArn
    /// Free-form name of another actor, such as a system or integration.
    customEntity: CustomEntity
}

/// The request is malformed or fails the model's constraints (HTTP 400). Correct it before sending it again.
@error("client")
@httpError(400)
structure ValidationException {
    @required
    message: String
}
