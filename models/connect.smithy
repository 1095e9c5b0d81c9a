$version: "2.0"

metadata suppressions = [
    {
        id: "HttpMethodSemantics"
        namespace: "*"
    }
    {
        id: "HttpResponseCodeSemantics"
        namespace: "*"
    }
    {
        id: "PaginatedTrait"
        namespace: "*"
    }
    {
        id: "HttpHeaderTrait"
        namespace: "*"
    }
    {
        id: "HttpUriConflict"
        namespace: "*"
    }
    {
        id: "Service"
        namespace: "*"
    }
]

namespace com.amazonaws.connect

use aws.api#service
use aws.auth#sigv4
use aws.protocols#awsQueryError
use aws.protocols#restJson1
use smithy.rules#endpointRuleSet
use smithy.rules#endpointTests

string ARN

/// The calling identity is not authorized to perform this operation. The service returns this error with HTTP status 403.
@awsQueryError(
    code: "AccessDeniedException"
    httpResponseCode: 403
)
@error("client")
@httpError(403)
structure AccessDeniedException {
    Message: Message
}

/// Amazon Connect is a cloud contact center service. You can use it to build and operate a customer contact center that engages customers reliably at any scale.
///
/// The service reports metrics, both historical and in real time, that help you improve how contacts are routed, and it helps you resolve customer issues faster by putting each customer in touch with a suitable agent.
///
/// Amazon Connect limits both how many resources you can create and how many API requests per second you can send. The quota details are in the Amazon Connect Administrator Guide: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html
///
/// To call the service programmatically you send requests to a Regional endpoint; the available endpoints are listed at https://docs.aws.amazon.com/general/latest/gr/connect_region.html
///
/// The API reference describes every action (https://docs.aws.amazon.com/connect/latest/APIReference/API_Operations_Amazon_Connect_Service.html) and data type (https://docs.aws.amazon.com/connect/latest/APIReference/API_Types_Amazon_Connect_Service.html).
@service(
    sdkId: "Connect"
    arnNamespace: "connect"
    cloudFormationName: "Connect"
    cloudTrailEventSource: "connect.amazonaws.com"
    endpointPrefix: "connect"
)
@sigv4(
    name: "connect"
)
@restJson1
@title("Amazon Connect Service")
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
                                            endpoint: {
                                                url: "https://connect-fips.{Region}.{PartitionResult#dualStackDnsSuffix}"
                                                properties: {}
                                                headers: {}
                                            }
                                            type: "endpoint"
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
                                            conditions: [
                                                {
                                                    fn: "stringEquals"
                                                    argv: [
                                                        {
                                                            fn: "getAttr"
                                                            argv: [
                                                                {
                                                                    ref: "PartitionResult"
                                                                }
                                                                "name"
                                                            ]
                                                        }
                                                        "aws-us-gov"
                                                    ]
                                                }
                                            ]
                                            endpoint: {
                                                url: "https://connect.{Region}.amazonaws.com"
                                                properties: {}
                                                headers: {}
                                            }
                                            type: "endpoint"
                                        }
                                        {
                                            conditions: []
                                            endpoint: {
                                                url: "https://connect-fips.{Region}.{PartitionResult#dnsSuffix}"
                                                properties: {}
                                                headers: {}
                                            }
                                            type: "endpoint"
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
                                            endpoint: {
                                                url: "https://connect.{Region}.{PartitionResult#dualStackDnsSuffix}"
                                                properties: {}
                                                headers: {}
                                            }
                                            type: "endpoint"
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
                            endpoint: {
                                url: "https://connect.{Region}.{PartitionResult#dnsSuffix}"
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
            error: "Invalid Configuration: Missing Region"
            type: "error"
        }
    ]
)
@endpointTests(
    testCases: [
        {
            documentation: "For region af-south-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.af-south-1.amazonaws.com"
                }
            }
            params: {
                Region: "af-south-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region ap-northeast-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.ap-northeast-1.amazonaws.com"
                }
            }
            params: {
                Region: "ap-northeast-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region ap-northeast-2 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.ap-northeast-2.amazonaws.com"
                }
            }
            params: {
                Region: "ap-northeast-2"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region ap-southeast-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.ap-southeast-1.amazonaws.com"
                }
            }
            params: {
                Region: "ap-southeast-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region ap-southeast-2 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.ap-southeast-2.amazonaws.com"
                }
            }
            params: {
                Region: "ap-southeast-2"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region ca-central-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.ca-central-1.amazonaws.com"
                }
            }
            params: {
                Region: "ca-central-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region eu-central-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.eu-central-1.amazonaws.com"
                }
            }
            params: {
                Region: "eu-central-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region eu-west-2 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.eu-west-2.amazonaws.com"
                }
            }
            params: {
                Region: "eu-west-2"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-east-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.us-east-1.amazonaws.com"
                }
            }
            params: {
                Region: "us-east-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-west-2 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.us-west-2.amazonaws.com"
                }
            }
            params: {
                Region: "us-west-2"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-east-1 with FIPS enabled and DualStack enabled"
            expect: {
                endpoint: {
                    url: "https://connect-fips.us-east-1.api.aws"
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
                    url: "https://connect-fips.us-east-1.amazonaws.com"
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
                    url: "https://connect.us-east-1.api.aws"
                }
            }
            params: {
                Region: "us-east-1"
                UseFIPS: false
                UseDualStack: true
            }
        }
        {
            documentation: "For region cn-north-1 with FIPS enabled and DualStack enabled"
            expect: {
                endpoint: {
                    url: "https://connect-fips.cn-north-1.api.amazonwebservices.com.cn"
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
                    url: "https://connect-fips.cn-north-1.amazonaws.com.cn"
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
                    url: "https://connect.cn-north-1.api.amazonwebservices.com.cn"
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
                    url: "https://connect.cn-north-1.amazonaws.com.cn"
                }
            }
            params: {
                Region: "cn-north-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-gov-west-1 with FIPS disabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.us-gov-west-1.amazonaws.com"
                }
            }
            params: {
                Region: "us-gov-west-1"
                UseFIPS: false
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-gov-west-1 with FIPS enabled and DualStack disabled"
            expect: {
                endpoint: {
                    url: "https://connect.us-gov-west-1.amazonaws.com"
                }
            }
            params: {
                Region: "us-gov-west-1"
                UseFIPS: true
                UseDualStack: false
            }
        }
        {
            documentation: "For region us-gov-east-1 with FIPS enabled and DualStack enabled"
            expect: {
                endpoint: {
                    url: "https://connect-fips.us-gov-east-1.api.aws"
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
                    url: "https://connect.us-gov-east-1.amazonaws.com"
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
                    url: "https://connect.us-gov-east-1.api.aws"
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
                    url: "https://connect.us-gov-east-1.amazonaws.com"
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
                    url: "https://connect-fips.us-iso-east-1.c2s.ic.gov"
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
                    url: "https://connect.us-iso-east-1.c2s.ic.gov"
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
                    url: "https://connect-fips.us-isob-east-1.sc2s.sgov.gov"
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
                    url: "https://connect.us-isob-east-1.sc2s.sgov.gov"
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
service AmazonConnectService {
    version: "2017-08-08"
    operations: [
        BatchGetAttachedFileMetadata
        CompleteAttachedFileUpload
        DeleteAttachedFile
        GetAttachedFile
        StartAttachedFileUpload
    ]
}

/// Metadata describing a single attached file.
structure AttachedFile {
    /// When the file resource was created, as an ISO 8601 string with millisecond precision, for instance 2024-05-03T02:41:28.172Z.
    @required
    CreationTime: ISO8601Datetime
    /// Amazon Resource Name (ARN) of the attached file resource.
    @required
    FileArn: ARN
    /// Identifier that Amazon Connect assigned to the attached file.
    @required
    FileId: FileId
    /// Name of the attached file. Names are case-sensitive.
    @required
    FileName: FileName
    /// File size, in bytes.
    @required
    FileSizeInBytes: FileSizeInBytes
    /// Where the attached file currently stands in processing, such as PROCESSING, APPROVED, REJECTED, or FAILED.
    @required
    FileStatus: FileStatusType
    /// Who created the file: an Amazon Connect user or an AWS identity.
    CreatedBy: CreatedByInfo
    /// What the file is used for, for example ATTACHMENT.
    FileUseCaseType: FileUseCaseType
    /// ARN of the resource that the file is attached to, such as an Amazon Connect case (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_CreateCase.html). Must be a well-formed ARN.
    AssociatedResourceArn: ARN
    /// Key-value tags on the file resource, which you can use to categorize it, track it, or control who can access it. For example: `{ "key1": "value1", "key2": "value2" }`.
    Tags: TagMap
}

/// Explains why BatchGetAttachedFileMetadata could not return the metadata of one particular file.
structure AttachedFileError {
    /// Status code that identifies the kind of failure.
    ErrorCode: ErrorCode
    /// Human-readable reason the file could not be retrieved.
    ErrorMessage: ErrorMessage
    /// Identifier of the attached file that could not be retrieved.
    FileId: FileId
}

list AttachedFileErrorsList {
    member: AttachedFileError
}

enum AttachedFileInvalidRequestExceptionReason {
    INVALID_FILE_SIZE
    INVALID_FILE_TYPE
    INVALID_FILE_NAME
}

enum AttachedFileServiceQuotaExceededExceptionReason {
    TOTAL_FILE_SIZE_EXCEEDED
    TOTAL_FILE_COUNT_EXCEEDED
}

list AttachedFilesList {
    member: AttachedFile
}

/// Returns metadata for several attached files in one call. Every requested file must be attached to the resource identified by AssociatedResourceArn.
@http(
    method: "POST"
    uri: "/attached-files/{InstanceId}"
    code: 200
)
operation BatchGetAttachedFileMetadata {
    input: BatchGetAttachedFileMetadataRequest
    output: BatchGetAttachedFileMetadataResponse
    errors: [
        AccessDeniedException
        InternalServiceException
        InvalidRequestException
        ResourceNotFoundException
        ThrottlingException
    ]
}

@input
structure BatchGetAttachedFileMetadataRequest {
    /// Identifiers of the attached files to look up (between 1 and 100).
    @required
    FileIds: FileIdList
    /// ID of the Amazon Connect instance that holds the files.
    @httpLabel
    @required
    InstanceId: InstanceId
    /// ARN of the resource that the files are attached to. Supported resource types are Amazon Connect Cases (https://docs.aws.amazon.com/connect/latest/adminguide/cases.html) and email (https://docs.aws.amazon.com/connect/latest/adminguide/setup-email-channel.html). Must be a well-formed ARN.
    @httpQuery("associatedResourceArn")
    @required
    AssociatedResourceArn: ARN
}

@output
structure BatchGetAttachedFileMetadataResponse {
    /// Metadata for each file that was retrieved successfully.
    Files: AttachedFilesList
    /// One entry for each file whose metadata could not be retrieved, explaining the failure.
    Errors: AttachedFileErrorsList
}

@length(
    min: 0
    max: 500
)
string ClientToken

/// Confirms that the file content has been uploaded to the pre-signed URL returned by StartAttachedFileUpload.
@http(
    method: "POST"
    uri: "/attached-files/{InstanceId}/{FileId}"
    code: 200
)
operation CompleteAttachedFileUpload {
    input: CompleteAttachedFileUploadRequest
    output: CompleteAttachedFileUploadResponse
    errors: [
        AccessDeniedException
        InternalServiceException
        InvalidRequestException
        ResourceNotFoundException
        ThrottlingException
    ]
}

/// Input for the CompleteAttachedFileUpload operation.
@input
structure CompleteAttachedFileUploadRequest {
    /// ID of the Amazon Connect instance that holds the file.
    @httpLabel
    @required
    InstanceId: InstanceId
    /// Identifier of the attached file whose upload you are confirming.
    @httpLabel
    @required
    FileId: FileId
    /// ARN of the resource that the file is being attached to. Supported resource types are Amazon Connect Cases (https://docs.aws.amazon.com/connect/latest/adminguide/cases.html) and email (https://docs.aws.amazon.com/connect/latest/adminguide/setup-email-channel.html). Must be a well-formed ARN.
    @httpQuery("associatedResourceArn")
    @required
    AssociatedResourceArn: ARN
}

/// Output of the CompleteAttachedFileUpload operation. It has no fields.
@output
structure CompleteAttachedFileUploadResponse {}

/// Identifies who created a file: either an Amazon Connect user or an AWS identity such as an IAM principal or an STS session.
union CreatedByInfo {
    /// ARN of the Amazon Connect user (agent) who created the file. The ARN format for Amazon Connect users is described in the Service Authorization Reference: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonconnect.html#amazonconnect-resources-for-iam-policies
    ConnectUserArn: ARN
    /// ARN of the IAM or STS identity that made the API call. You cannot set this through the SDK; when ConnectUserArn is absent, the service fills it in automatically.
    AWSIdentityArn: ARN
}

/// Deletes an attached file together with the Amazon S3 object that stores its content.
///
/// Unless versioning is turned on for the S3 bucket, the deletion is permanent and the file cannot be recovered.
@http(
    method: "DELETE"
    uri: "/attached-files/{InstanceId}/{FileId}"
    code: 200
)
operation DeleteAttachedFile {
    input: DeleteAttachedFileRequest
    output: DeleteAttachedFileResponse
    errors: [
        AccessDeniedException
        InternalServiceException
        InvalidRequestException
        ResourceNotFoundException
        ThrottlingException
    ]
}

/// Input for the DeleteAttachedFile operation.
@input
structure DeleteAttachedFileRequest {
    /// ID of the Amazon Connect instance that holds the file.
    @httpLabel
    @required
    InstanceId: InstanceId
    /// Identifier of the attached file to delete.
    @httpLabel
    @required
    FileId: FileId
    /// ARN of the resource that the file is attached to, such as an Amazon Connect case (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_CreateCase.html). Must be a well-formed ARN.
    @httpQuery("associatedResourceArn")
    @required
    AssociatedResourceArn: ARN
}

/// Output of the DeleteAttachedFile operation. It has no fields.
@output
structure DeleteAttachedFileResponse {}

/// Pre-signed URL for downloading an attached file, together with the time it expires.
structure DownloadUrlMetadata {
    /// Pre-signed URL from which the attached file can be downloaded.
    Url: MetadataUrl
    /// Time at which the download URL stops working, as an ISO 8601 string with millisecond precision, for instance 2019-11-08T02:41:28.172Z.
    UrlExpiry: ISO8601Datetime
}

string ErrorCode

string ErrorMessage

@length(
    min: 1
    max: 256
)
string FileId

@length(
    min: 1
    max: 100
)
list FileIdList {
    member: FileId
}

@length(
    min: 1
    max: 256
)
@pattern("^\\P{C}*$")
string FileName

@range(
    min: 1
)
long FileSizeInBytes

enum FileStatusType {
    APPROVED
    REJECTED
    PROCESSING
    FAILED
}

enum FileUseCaseType {
    CONTACT_ANALYSIS
    EMAIL_MESSAGE
    EMAIL_MESSAGE_PLAIN_TEXT
    EMAIL_MESSAGE_REDACTED
    EMAIL_MESSAGE_PLAIN_TEXT_REDACTED
    ATTACHMENT
}

/// Returns metadata about an attached file and, if the file's status is APPROVED, a pre-signed URL for downloading it. Files in any other status come back without a download URL.
@http(
    method: "GET"
    uri: "/attached-files/{InstanceId}/{FileId}"
    code: 200
)
operation GetAttachedFile {
    input: GetAttachedFileRequest
    output: GetAttachedFileResponse
    errors: [
        AccessDeniedException
        InternalServiceException
        InvalidRequestException
        ResourceNotFoundException
        ThrottlingException
    ]
}

/// Input for the GetAttachedFile operation.
@input
structure GetAttachedFileRequest {
    /// ID of the Amazon Connect instance that holds the file.
    @httpLabel
    @required
    InstanceId: InstanceId
    /// Identifier of the attached file to retrieve.
    @httpLabel
    @required
    FileId: FileId
    /// How many seconds the pre-signed S3 download URL stays valid, from 5 to 300. Optional; when omitted, 300 seconds is used.
    @httpQuery("urlExpiryInSeconds")
    UrlExpiryInSeconds: URLExpiryInSeconds
    /// ARN of the resource that the file is attached to. Supported resource types are Amazon Connect Cases (https://docs.aws.amazon.com/connect/latest/adminguide/cases.html) and email (https://docs.aws.amazon.com/connect/latest/adminguide/setup-email-channel.html). Must be a well-formed ARN.
    @httpQuery("associatedResourceArn")
    @required
    AssociatedResourceArn: ARN
}

/// Output of the GetAttachedFile operation.
@output
structure GetAttachedFileResponse {
    /// Amazon Resource Name (ARN) of the attached file resource.
    FileArn: ARN
    /// Identifier that Amazon Connect assigned to the attached file.
    FileId: FileId
    /// When the file resource was created, as an ISO 8601 string with millisecond precision, for instance 2024-05-03T02:41:28.172Z.
    CreationTime: ISO8601Datetime
    /// Where the attached file currently stands in processing, such as PROCESSING, APPROVED, REJECTED, or FAILED.
    FileStatus: FileStatusType
    /// Name of the attached file. Names are case-sensitive.
    FileName: FileName
    /// File size, in bytes.
    @required
    FileSizeInBytes: FileSizeInBytes
    /// ARN of the resource that the file is attached to, such as an Amazon Connect case (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_CreateCase.html).
    AssociatedResourceArn: ARN
    /// What the file is used for, for example ATTACHMENT.
    FileUseCaseType: FileUseCaseType
    /// Who created the file: an Amazon Connect user or an AWS identity.
    CreatedBy: CreatedByInfo
    /// Pre-signed download URL for the file and the time it expires. A download URL is only provided when the file status is APPROVED.
    DownloadUrlMetadata: DownloadUrlMetadata
    /// Key-value tags on the file resource, which you can use to categorize it, track it, or control who can access it. For example: `{ "key1": "value1", "key2": "value2" }`.
    Tags: TagMap
}

string ISO8601Datetime

@length(
    min: 1
    max: 100
)
string InstanceId

/// The service hit an internal error or failure while handling the request. The service returns this error with HTTP status 500.
@error("server")
@httpError(500)
structure InternalServiceException {
    /// Human-readable description of the error.
    Message: Message
}

/// The service rejected the request as invalid. Check Reason, when present, for details. The service returns this error with HTTP status 400.
@error("client")
@httpError(400)
structure InvalidRequestException {
    /// Human-readable explanation of what is wrong with the request.
    Message: Message
    Reason: InvalidRequestExceptionReason
}

/// Structured detail that says why a request was considered invalid.
union InvalidRequestExceptionReason {
    /// Why a StartAttachedFileUpload request was rejected: the file size, file type, or file name is not acceptable.
    AttachedFileInvalidRequestExceptionReason: AttachedFileInvalidRequestExceptionReason
}

string Message

@length(
    min: 1
    max: 2000
)
string MetadataUrl

/// The name given in the request is already in use by another resource. The service returns this error with HTTP status 409.
@error("client")
@httpError(409)
structure ResourceConflictException {
    Message: Message
}

/// The requested resource does not exist. The service returns this error with HTTP status 404.
@error("client")
@httpError(404)
structure ResourceNotFoundException {
    /// Human-readable detail about the resource that could not be found.
    Message: Message
}

/// Carrying out the request would go beyond an Amazon Connect service quota. Check Reason, when present, to see which quota. The service returns this error with HTTP status 402.
@error("client")
@httpError(402)
structure ServiceQuotaExceededException {
    Message: Message
    Reason: ServiceQuotaExceededExceptionReason
}

/// Structured detail that says which quota the request would exceed.
union ServiceQuotaExceededExceptionReason {
    /// Set when attached files hit a quota: either their combined size or their number is over the allowed limit.
    AttachedFileServiceQuotaExceededExceptionReason: AttachedFileServiceQuotaExceededExceptionReason
}

/// Begins uploading an attached file. The response contains a pre-signed Amazon S3 URL, along with the headers to send with it, that you use to upload the file content. Once the content is uploaded, confirm it by calling CompleteAttachedFileUpload.
///
/// This operation can only attach files to an Amazon Connect case (https://docs.aws.amazon.com/connect/latest/APIReference/API_connect-cases_CreateCase.html) or to Amazon Connect email (https://docs.aws.amazon.com/connect/latest/adminguide/setup-email-channel.html).
@http(
    method: "PUT"
    uri: "/attached-files/{InstanceId}"
    code: 200
)
operation StartAttachedFileUpload {
    input: StartAttachedFileUploadRequest
    output: StartAttachedFileUploadResponse
    errors: [
        AccessDeniedException
        InternalServiceException
        InvalidRequestException
        ResourceConflictException
        ServiceQuotaExceededException
        ThrottlingException
    ]
}

@input
structure StartAttachedFileUploadRequest {
    /// Idempotency token: a unique, case-sensitive string you choose so that retrying the same request cannot start a second upload. If you leave it out, the AWS SDK generates one for you. Background on idempotent retries: https://aws.amazon.com/builders-library/making-retries-safe-with-idempotent-APIs/
    @idempotencyToken
    ClientToken: ClientToken
    /// ID of the Amazon Connect instance to upload the file to.
    @httpLabel
    @required
    InstanceId: InstanceId
    /// Name of the file being uploaded. Names are case-sensitive.
    @required
    FileName: FileName
    /// Size of the file you are going to upload, in bytes. Must be at least 1.
    @required
    FileSizeInBytes: FileSizeInBytes
    /// How many seconds the pre-signed S3 upload URL stays valid, from 5 to 300. Optional; when omitted, 300 seconds is used.
    UrlExpiryInSeconds: URLExpiryInSeconds
    /// What the file will be used for. At present only the ATTACHMENT value is accepted.
    @required
    FileUseCaseType: FileUseCaseType
    /// ARN of the resource that the file is being attached to. Supported resource types are Amazon Connect Cases (https://docs.aws.amazon.com/connect/latest/adminguide/cases.html) and email (https://docs.aws.amazon.com/connect/latest/adminguide/setup-email-channel.html). Must be a well-formed ARN.
    @httpQuery("associatedResourceArn")
    @required
    AssociatedResourceArn: ARN
    /// Who is creating the file: an Amazon Connect user or an AWS identity.
    CreatedBy: CreatedByInfo
    /// Key-value tags to apply to the file resource, which you can use to categorize it, track it, or control who can access it. Between 1 and 50 tags are allowed. For example: `{ "key1": "value1", "key2": "value2" }`.
    Tags: TagMap
}

/// Result of a StartAttachedFileUpload call, including where and how to upload the file content.
@output
structure StartAttachedFileUploadResponse {
    /// Amazon Resource Name (ARN) of the new attached file resource.
    FileArn: ARN
    /// Identifier of the new attached file resource. Use it to refer to the file in later calls.
    FileId: FileId
    /// When the file resource was created, as an ISO 8601 string with millisecond precision, for instance 2024-05-03T02:41:28.172Z.
    CreationTime: ISO8601Datetime
    /// Where the attached file currently stands in processing, such as PROCESSING, APPROVED, REJECTED, or FAILED.
    FileStatus: FileStatusType
    /// Who created the file: an Amazon Connect user or an AWS identity.
    CreatedBy: CreatedByInfo
    /// The pre-signed upload URL, when it expires, and the HTTP headers you must send when uploading the file content to it.
    UploadUrlMetadata: UploadUrlMetadata
}

@length(
    min: 1
    max: 128
)
@pattern("^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$")
string TagKey

@length(
    min: 1
    max: 50
)
map TagMap {
    key: TagKey
    value: TagValue
}

@length(
    min: 0
    max: 256
)
string TagValue

/// The request was throttled because the allowed request rate was exceeded. Wait and retry, preferably with exponential backoff. The service returns this error with HTTP status 429.
@awsQueryError(
    code: "ThrottlingException"
    httpResponseCode: 429
)
@error("client")
@httpError(429)
structure ThrottlingException {
    Message: Message
}

@range(
    min: 5
    max: 300
)
integer URLExpiryInSeconds

/// Everything needed to upload the content of an attached file: the pre-signed URL, its expiry time, and the headers to include.
structure UploadUrlMetadata {
    /// Pre-signed Amazon S3 URL to which the file content should be uploaded.
    Url: MetadataUrl
    /// Time at which the pre-signed URL stops working, as an ISO 8601 string with millisecond precision, for instance 2019-11-08T02:41:28.172Z.
    UrlExpiry: ISO8601Datetime
    /// HTTP headers, as name-value pairs, that must accompany the upload request sent to the pre-signed URL.
    HeadersToInclude: UrlMetadataSignedHeaders
}

map UrlMetadataSignedHeaders {
    key: UrlMetadataSignedHeadersKey
    value: UrlMetadataSignedHeadersValue
}

@length(
    min: 1
    max: 128
)
string UrlMetadataSignedHeadersKey

@length(
    min: 1
    max: 256
)
string UrlMetadataSignedHeadersValue
