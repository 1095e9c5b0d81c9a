import { describe, expect, it } from "vitest";
import { diffModels } from "../../src/diff/index.js";
import { UNIT, baseModel, diffOf, summary, variant } from "./fixtures.js";

const enumValue = (value: string) => ({ target: UNIT, traits: { "smithy.api#enumValue": value } });

describe("model diff: no change", () => {
  it("finds nothing between a model and its copy", () => {
    const diff = diffOf(() => {});
    expect(diff.changes).toEqual([]);
    expect(diff.bump).toBe("none");
  });

  it("ignores shapes outside the service closure", () => {
    const diff = diffOf((s) => {
      s["ex#Unused"] = { type: "structure", members: { X: { target: "smithy.api#String" } } };
    });
    expect(diff.changes).toEqual([]);
  });
});

describe("model diff: documentation only → patch", () => {
  it("shape, member, operation and service documentation", () => {
    const diff = diffOf((s) => {
      s["ex#Detail"].traits = { "smithy.api#documentation": "More detail." };
      s["ex#Detail"].members.Note.traits = { "smithy.api#documentation": "A note." };
      s["ex#Op"].traits["smithy.api#documentation"] = "Does the thing, better.";
      s["ex#Svc"].traits["smithy.api#documentation"] = "The service.";
      s["ex#Status"].members.OK.traits["smithy.api#documentation"] = "All good.";
    });
    expect(summary(diff)).toEqual([
      "patch ChangedDocumentation ex#Detail",
      "patch ChangedDocumentation ex#Detail$Note",
      "patch ChangedDocumentation ex#Op",
      "patch ChangedDocumentation ex#Status$OK",
      "patch ChangedDocumentation ex#Svc",
    ]);
    expect(diff.bump).toBe("patch");
  });

  it("reports documentation a member inherits from its target once, on the target", () => {
    const diff = diffOf((s) => {
      s["ex#Name"].traits["smithy.api#documentation"] = "A better name.";
    });
    expect(summary(diff)).toEqual(["patch ChangedDocumentation ex#Name"]);
  });

  it("deprecation, sensitivity and traits the generator does not read are patches", () => {
    const diff = diffOf((s) => {
      s["ex#Detail"].traits = { "smithy.api#deprecated": { message: "use Shared" } };
      s["ex#OpInput"].members.Token.traits["smithy.api#sensitive"] = {};
      s["ex#Op"].traits["smithy.api#readonly"] = {};
    });
    expect(summary(diff)).toEqual(["patch ChangedDeprecation ex#Detail", "patch ChangedTrait ex#Op", "patch ChangedSensitive ex#OpInput$Token"]);
    expect(diff.changes.find((c) => c.code === "ChangedTrait")?.message).toBe("@readonly added");
  });
});

describe("model diff: additions → minor", () => {
  it("an added operation, with its new shapes", () => {
    const diff = diffOf((s) => {
      s["ex#Svc"].operations.push({ target: "ex#Other" });
      s["ex#Other"] = { type: "operation", input: { target: "ex#OtherInput" }, output: { target: UNIT }, traits: { "smithy.api#http": { method: "GET", uri: "/other" } } };
      s["ex#OtherInput"] = { type: "structure", members: { Q: { target: "smithy.api#String", traits: { "smithy.api#httpQuery": "q" } } } };
    });
    expect(summary(diff)).toEqual(["minor AddedOperation ex#Other", "minor AddedShape ex#OtherInput"]);
    expect(diff.changes[0]).toMatchObject({ symbol: "OtherCommand", scope: "operation", message: "operation added (GET /other)" });
    expect(diff.bump).toBe("minor");
  });

  it("an optional input member", () => {
    const diff = diffOf((s) => {
      s["ex#OpInput"].members.Extra = { target: "smithy.api#String" };
    });
    expect(summary(diff)).toEqual(["minor AddedMember ex#OpInput$Extra"]);
  });

  it("an output member, required or not", () => {
    const diff = diffOf((s) => {
      s["ex#OpOutput"].members.More = { target: "smithy.api#String" };
      s["ex#OpOutput"].members.Must = { target: "smithy.api#String", traits: { "smithy.api#required": {} } };
    });
    expect(summary(diff)).toEqual(["minor AddedMember ex#OpOutput$More", "minor AddedMember ex#OpOutput$Must"]);
  });

  it("an enum value, for an input enum and for an output enum", () => {
    const diff = diffOf((s) => {
      s["ex#Mode"].members.MEDIUM = enumValue("medium");
      s["ex#Status"].members.PENDING = enumValue("pending");
    });
    expect(summary(diff)).toEqual(["minor AddedEnumValue ex#Mode$MEDIUM", "minor AddedEnumValue ex#Status$PENDING"]);
  });

  it("an enum value in a legacy @enum string", () => {
    const base = variant((s) => {
      s["ex#Legacy"] = { type: "string", traits: { "smithy.api#enum": [{ value: "x", name: "X" }] } };
      s["ex#OpOutput"].members.Legacy = { target: "ex#Legacy" };
    });
    const next = variant((s) => s["ex#Legacy"].traits["smithy.api#enum"].push({ value: "y", name: "Y" }), base);
    expect(summary(diffModels(base, next))).toEqual(["minor AddedEnumValue ex#Legacy$Y"]);
  });

  it("an error an operation may throw", () => {
    const diff = diffOf((s) => {
      s["ex#Op"].errors.push({ target: "ex#Throttled" });
      s["ex#Throttled"] = { type: "structure", members: {}, traits: { "smithy.api#error": "client", "smithy.api#httpError": 429 } };
    });
    expect(summary(diff)).toEqual(["minor AddedOperationError ex#Op", "minor AddedShape ex#Throttled"]);
    expect(diff.changes[0]?.message).toBe("may now throw Throttled");
  });

  it("a member made optional on input, or required on output", () => {
    const diff = diffOf((s) => {
      delete s["ex#OpInput"].members.Id.traits["smithy.api#required"];
      s["ex#OpOutput"].members.Value.traits = { "smithy.api#required": {} };
    });
    expect(summary(diff)).toEqual(["minor ChangedNullability ex#OpInput$Id", "minor ChangedNullability ex#OpOutput$Value"]);
  });

  it("an input constraint widened", () => {
    const diff = diffOf((s) => {
      s["ex#Name"].traits["smithy.api#length"] = { min: 0, max: 20 };
      s["ex#OpInput"].members.Count.traits["smithy.api#range"] = { min: 0 };
    });
    expect(summary(diff)).toEqual(["minor ChangedLengthTrait ex#Name", "minor ChangedRangeTrait ex#OpInput$Count"]);
    expect(diff.changes[0]?.message).toBe("@length widened from 1..10 to 0..20");
  });

  it("an input @pattern removed", () => {
    const base = variant((s) => (s["ex#Name"].traits["smithy.api#pattern"] = "^[a-z]+$"));
    const next = variant((s) => delete s["ex#Name"].traits["smithy.api#pattern"], base);
    expect(summary(diffModels(base, next))).toEqual(["minor ChangedPatternTrait ex#Name"]);
  });
});

describe("model diff: breaking changes → major", () => {
  it("a removed operation", () => {
    const base = variant((s) => {
      s["ex#Svc"].operations.push({ target: "ex#Other" });
      s["ex#Other"] = { type: "operation", traits: { "smithy.api#http": { method: "GET", uri: "/other" } } };
    });
    const diff = diffModels(base, baseModel());
    expect(summary(diff)).toEqual(["major RemovedOperation ex#Other"]);
    expect(diff.bump).toBe("major");
  });

  it("a removed member, and the shape that is no longer reachable", () => {
    const diff = diffOf((s) => delete s["ex#OpOutput"].members.Detail);
    expect(summary(diff)).toEqual(["major RemovedShape ex#Detail", "major RemovedMember ex#OpOutput$Detail"]);
  });

  it("a renamed member", () => {
    const diff = diffOf((s) => {
      const { Value, ...rest } = s["ex#OpOutput"].members;
      s["ex#OpOutput"].members = { ...rest, Val: Value };
    });
    expect(summary(diff)).toEqual(["major RenamedMember ex#OpOutput$Value"]);
    expect(diff.changes[0]?.message).toBe("member removed; looks renamed to Val (same type)");
  });

  it("a renamed shape", () => {
    const diff = diffOf((s) => {
      s["ex#Details"] = s["ex#Detail"];
      delete s["ex#Detail"];
      s["ex#OpOutput"].members.Detail.target = "ex#Details";
    });
    expect(summary(diff)).toEqual(["major RenamedShape ex#Detail", "major ChangedMemberTarget ex#OpOutput$Detail"]);
    expect(diff.changes[0]?.message).toBe("removed; looks renamed to ex#Details (same members; TypeScript Detail → Details)");
  });

  it("a shape renamed for TypeScript by the service's rename map", () => {
    const diff = diffOf((s) => (s["ex#Svc"].rename = { "ex#Detail": "DetailInfo" }));
    expect(summary(diff)).toEqual(["major ChangedTypeName ex#Detail"]);
  });

  it("a member's target type changed", () => {
    const diff = diffOf((s) => (s["ex#OpOutput"].members.Value.target = "smithy.api#Integer"));
    expect(summary(diff)).toEqual(["major ChangedMemberTarget ex#OpOutput$Value"]);
    expect(diff.changes[0]?.message).toBe("type changed from string (smithy.api#String) to integer (smithy.api#Integer)");
  });

  it("a target changed to another shape of the same simple type is a patch", () => {
    const diff = diffOf((s) => {
      s["ex#Text"] = { type: "string" };
      s["ex#OpOutput"].members.Value.target = "ex#Text";
    });
    expect(summary(diff)).toEqual(["patch ChangedMemberTarget ex#OpOutput$Value"]);
  });

  it("a shape's type changed", () => {
    const diff = diffOf((s) => (s["ex#Detail"].type = "union"));
    expect(summary(diff)).toEqual(["major ChangedShapeType ex#Detail"]);
  });

  it("a member made required on input", () => {
    const diff = diffOf((s) => (s["ex#OpInput"].members.Name.traits = { "smithy.api#required": {} }));
    expect(summary(diff)).toEqual(["major ChangedNullability ex#OpInput$Name"]);
    expect(diff.changes[0]?.message).toBe("made required: callers must now set it");
  });

  it("@required with @clientOptional stays optional in TypeScript: a patch", () => {
    const diff = diffOf((s) => (s["ex#OpInput"].members.Name.traits = { "smithy.api#required": {}, "smithy.api#clientOptional": {} }));
    expect(summary(diff)).toEqual(["patch ChangedNullability ex#OpInput$Name"]);
  });

  it("a member made optional on output (its TypeScript type gains undefined)", () => {
    const diff = diffOf((s) => delete s["ex#OpOutput"].members.Status.traits["smithy.api#required"]);
    expect(summary(diff)).toEqual(["major ChangedNullability ex#OpOutput$Status"]);
  });

  it("a required input member added", () => {
    const diff = diffOf((s) => (s["ex#OpInput"].members.Must = { target: "smithy.api#String", traits: { "smithy.api#required": {} } }));
    expect(summary(diff)).toEqual(["major AddedMember ex#OpInput$Must"]);
    expect(diff.changes[0]?.message).toBe("required member added: callers must now set it");
  });

  it("input constraints tightened: length, range, pattern added or changed, uniqueItems", () => {
    const diff = diffOf((s) => {
      s["ex#Name"].traits["smithy.api#length"] = { min: 1, max: 5 };
      s["ex#OpInput"].members.Count.traits["smithy.api#range"] = { min: 10, max: 100 };
      s["ex#OpInput"].members.Token.traits["smithy.api#pattern"] = "^t-";
      s["ex#TagList"].traits = { "smithy.api#uniqueItems": {} };
    });
    expect(summary(diff)).toEqual([
      "major ChangedLengthTrait ex#Name",
      "major ChangedRangeTrait ex#OpInput$Count",
      "major ChangedPatternTrait ex#OpInput$Token",
      "major ChangedUniqueItems ex#TagList",
    ]);
    expect(diff.changes[0]?.message).toBe("@length narrowed from 1..10 to 1..5");
    // Constraints are not part of the TypeScript declarations.
    expect(diff.changes.every((c) => c.typesSeverity === "patch")).toBe(true);
  });

  it("a @pattern changed on input", () => {
    const base = variant((s) => (s["ex#Name"].traits["smithy.api#pattern"] = "^[a-z]+$"));
    const next = variant((s) => (s["ex#Name"].traits["smithy.api#pattern"] = "^[a-z0-9]+$"), base);
    expect(summary(diffModels(base, next))).toEqual(["major ChangedPatternTrait ex#Name"]);
  });

  it("output constraints changed are patches", () => {
    const diff = diffOf((s) => {
      s["ex#Detail"].members.Note.traits = { "smithy.api#length": { max: 3 } };
      s["ex#Detail"].members.Size.traits = { "smithy.api#range": { min: 5 } };
    });
    expect(summary(diff)).toEqual(["patch ChangedLengthTrait ex#Detail$Note", "patch ChangedRangeTrait ex#Detail$Size"]);
  });

  it("a removed enum value, input or output", () => {
    const diff = diffOf((s) => {
      delete s["ex#Mode"].members.SLOW;
      delete s["ex#Status"].members.FAILED;
    });
    expect(summary(diff)).toEqual(["major RemovedEnumValue ex#Mode$SLOW", "major RemovedEnumValue ex#Status$FAILED"]);
  });

  it("an enum value's wire value or constant name changed", () => {
    const diff = diffOf((s) => {
      s["ex#Mode"].members.SLOW = enumValue("slowly");
      const { OK, ...rest } = s["ex#Status"].members;
      s["ex#Status"].members = { GOOD: OK, ...rest };
    });
    expect(summary(diff)).toEqual(["major ChangedEnumValue ex#Mode$SLOW", "major RenamedEnumValue ex#Status$OK"]);
  });

  it("operation http binding: method, uri and status code", () => {
    const diff = diffOf((s) => (s["ex#Op"].traits["smithy.api#http"] = { method: "PUT", uri: "/thing/{Id}", code: 201 }));
    expect(diff.changes.map((c) => c.message)).toEqual([
      "HTTP method changed from POST to PUT",
      "HTTP success status changed from 200 to 201",
      "HTTP uri changed from /things/{Id} to /thing/{Id}",
    ]);
    expect(diff.changes.every((c) => c.severity === "major" && c.code === "ChangedHttpTrait")).toBe(true);
  });

  it("member http binding: location and name", () => {
    const diff = diffOf((s) => {
      s["ex#OpInput"].members.Token.traits = { "smithy.api#httpQuery": "token" };
      s["ex#OpInput"].members.Name.traits = { "smithy.api#httpHeader": "X-Name" };
    });
    expect(summary(diff)).toEqual(["major ChangedHttpBinding ex#OpInput$Name", "major ChangedHttpBinding ex#OpInput$Token"]);
    expect(diff.changes[1]?.message).toBe('HTTP binding changed from header "X-Token" to query "token"');
    const renamed = diffOf((s) => (s["ex#OpInput"].members.Token.traits = { "smithy.api#httpHeader": "X-Other-Token" }));
    expect(summary(renamed)).toEqual(["major ChangedHttpBinding ex#OpInput$Token"]);
  });

  it("an error's HTTP status code", () => {
    const diff = diffOf((s) => (s["ex#NotFound"].traits["smithy.api#httpError"] = 410));
    expect(summary(diff)).toEqual(["major ChangedError ex#NotFound"]);
    expect(diff.changes[0]?.message).toBe("HTTP status changed from 404 to 410");
  });

  it("jsonName and timestampFormat (on a member or on the target shape)", () => {
    const diff = diffOf((s) => {
      s["ex#OpOutput"].members.Value.traits = { "smithy.api#jsonName": "value" };
      s["ex#OpInput"].members.When.traits = { "smithy.api#timestampFormat": "epoch-seconds" };
    });
    expect(summary(diff)).toEqual(["major ChangedTimestampFormat ex#OpInput$When", "major ChangedJsonName ex#OpOutput$Value"]);
    expect(diff.changes.every((c) => c.typesSeverity === "patch")).toBe(true);

    const onShape = diffOf((s) => {
      s["ex#Instant"] = { type: "timestamp" };
      s["ex#OpInput"].members.When.target = "ex#Instant";
    });
    expect(summary(onShape)).toEqual(["patch ChangedMemberTarget ex#OpInput$When"]);
    const base = variant((s) => {
      s["ex#Instant"] = { type: "timestamp" };
      s["ex#OpInput"].members.When.target = "ex#Instant";
    });
    const next = variant((s) => (s["ex#Instant"].traits = { "smithy.api#timestampFormat": "http-date" }), base);
    expect(summary(diffModels(base, next))).toEqual(["major ChangedTimestampFormat ex#Instant"]);
  });

  it("the protocol", () => {
    const diff = diffOf((s) => (s["ex#Svc"].traits["aws.protocols#restJson1"] = { http: ["h2"] }));
    expect(summary(diff)).toEqual(["major ChangedProtocol ex#Svc"]);
    expect(diff.changes[0]?.message).toBe("protocol @aws.protocols#restJson1 changed");
  });

  it("auth: service sigv4 signing name, operation @auth", () => {
    const base = variant((s) => (s["ex#Svc"].traits["aws.auth#sigv4"] = { name: "mini" }));
    const next = variant((s) => {
      s["ex#Svc"].traits["aws.auth#sigv4"] = { name: "mini2" };
      s["ex#Op"].traits["smithy.api#optionalAuth"] = {};
    }, base);
    expect(summary(diffModels(base, next))).toEqual(["major ChangedAuth ex#Op", "major ChangedAuth ex#Svc"]);
  });

  it("the sdkId (the client's name)", () => {
    const diff = diffOf((s) => (s["ex#Svc"].traits["aws.api#service"] = { sdkId: "Maxi" }));
    expect(summary(diff)).toEqual(["major ChangedService ex#Svc"]);
    expect(diff.changes[0]?.message).toContain("the client is now MaxiClient");
  });

  it("defaults, idempotency tokens and sparse collections", () => {
    const diff = diffOf((s) => {
      s["ex#OpInput"].members.Token.traits["smithy.api#idempotencyToken"] = {};
      s["ex#TagList"].traits = { "smithy.api#sparse": {} };
      s["ex#OpOutput"].members.Value.traits = { "smithy.api#default": "" };
    });
    expect(summary(diff)).toEqual(["minor ChangedIdempotencyToken ex#OpInput$Token", "minor ChangedDefault ex#OpOutput$Value", "minor ChangedSparse ex#TagList"]);
    const removed = diffModels(variant((s) => (s["ex#OpOutput"].members.Value.traits = { "smithy.api#default": "" })), baseModel());
    expect(summary(removed)).toEqual(["major ChangedDefault ex#OpOutput$Value"]);
  });
});

describe("model diff: direction", () => {
  // ex#Shared is used by both the input and the output: the stricter verdict wins.
  it("a member made optional in a shape used both ways is breaking (output side)", () => {
    const base = variant((s) => (s["ex#Shared"].members.Label.traits = { "smithy.api#required": {} }));
    const diff = diffModels(base, baseModel());
    expect(summary(diff)).toEqual(["major ChangedNullability ex#Shared$Label"]);
  });

  it("a member made required in a shape used both ways is breaking (input side)", () => {
    const diff = diffOf((s) => (s["ex#Shared"].members.Label.traits = { "smithy.api#required": {} }));
    expect(summary(diff)).toEqual(["major ChangedNullability ex#Shared$Label"]);
  });

  it("an enum value added to an enum used both ways is still minor; removing one is major", () => {
    expect(summary(diffOf((s) => (s["ex#Kind"].members.C = enumValue("c"))))).toEqual(["minor AddedEnumValue ex#Kind$C"]);
    expect(summary(diffOf((s) => delete s["ex#Kind"].members.B))).toEqual(["major RemovedEnumValue ex#Kind$B"]);
  });

  it("members of error structures are judged as output", () => {
    const diff = diffOf((s) => {
      s["ex#NotFound"].members.Code = { target: "smithy.api#String", traits: { "smithy.api#required": {} } };
      s["ex#NotFound"].members.message.traits = { "smithy.api#required": {} };
    });
    expect(summary(diff)).toEqual(["minor AddedMember ex#NotFound$Code", "minor ChangedNullability ex#NotFound$message"]);
  });
});

describe("model diff: result", () => {
  it("is sorted by severity, then location, and counted", () => {
    const diff = diffOf((s) => {
      s["ex#Detail"].traits = { "smithy.api#documentation": "More detail." };
      s["ex#OpInput"].members.Extra = { target: "smithy.api#String" };
      delete s["ex#OpOutput"].members.Value;
    });
    expect(summary(diff)).toEqual(["major RemovedMember ex#OpOutput$Value", "minor AddedMember ex#OpInput$Extra", "patch ChangedDocumentation ex#Detail"]);
    expect(diff.counts).toEqual({ major: 1, minor: 1, patch: 1 });
    expect(diff.bump).toBe("major");
    expect(diff.changes[0]).toEqual({
      severity: "major",
      code: "RemovedMember",
      shapeId: "ex#OpOutput",
      member: "Value",
      message: "member removed",
      symbol: "OpOutput.Value",
      scope: "shape",
    });
  });

  it("compares only the selected operations' closure", () => {
    const base = variant((s) => {
      s["ex#Svc"].operations.push({ target: "ex#Other" });
      s["ex#Other"] = { type: "operation", input: { target: "ex#OtherInput" }, traits: { "smithy.api#http": { method: "GET", uri: "/other" } } };
      s["ex#OtherInput"] = { type: "structure", members: { Q: { target: "smithy.api#String", traits: { "smithy.api#httpQuery": "q" } } } };
    });
    const next = variant((s) => delete s["ex#OtherInput"].members.Q, base);
    expect(diffModels(base, next, { operations: ["Op"] }).changes).toEqual([]);
    expect(summary(diffModels(base, next))).toEqual(["major RemovedMember ex#OtherInput$Q"]);
  });
});

describe("model diff: the paginated trait (paginate<Operation>)", () => {
  const paged = (trait: Record<string, unknown>, onService = false) =>
    variant((s) => {
      if (onService) {
        s["ex#Svc"].traits["smithy.api#paginated"] = trait;
        s["ex#Op"].traits["smithy.api#paginated"] = {};
      } else s["ex#Op"].traits["smithy.api#paginated"] = trait;
    });
  const tokens = { inputToken: "Token", outputToken: "Value" };

  it("a paginator added is minor, removed is major", () => {
    const added = diffModels(baseModel(), paged(tokens));
    expect(summary(added)).toEqual(["minor ChangedPagination ex#Op"]);
    expect(added.changes[0]!.message).toBe("paginated: paginateOp added");
    expect(summary(diffModels(paged(tokens), baseModel()))).toEqual(["major ChangedPagination ex#Op"]);
  });

  it("pageSize added is minor; a token changed, or pageSize removed, is major — also through the service's defaults", () => {
    expect(summary(diffModels(paged(tokens), paged({ ...tokens, pageSize: "Count" })))).toEqual(["minor ChangedPagination ex#Op"]);
    expect(summary(diffModels(paged({ ...tokens, pageSize: "Count" }), paged(tokens)))).toEqual(["major ChangedPagination ex#Op"]);
    const moved = diffModels(paged(tokens, true), paged({ ...tokens, outputToken: "Detail.Note" }, true));
    expect(summary(moved)).toEqual(["major ChangedPagination ex#Op"]);
    expect(moved.changes[0]!.message).toBe("paginated outputToken changed from Value to Detail.Note");
  });
});
