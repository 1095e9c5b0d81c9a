/**
 * The trait overlay of `sdkgen.config.json` (`traits`): traits applied to shapes and members of the
 * model before anything reads it, as smithy-build's `apply` transform (and the IDL's `apply`
 * statement) do. It lets the generated packages carry what an upstream model we do not own leaves
 * out — e.g. `@sensitive` on members that hold pre-signed URLs — without editing the model file.
 *
 * ```json
 * "traits": {
 *   "com.amazonaws.connect#UploadUrlMetadata$Url": { "smithy.api#sensitive": {} }
 * }
 * ```
 *
 * Keys are absolute shape ids, or member ids (`ns#Shape$member`; `member`, `key` and `value` for
 * lists and maps); values map trait ids to trait values, which replace a trait the shape already
 * has. `generate`, `check` and `diff` all read the model through it.
 */
import { cloneExact } from "../load/exact-numbers.js";
import type { AstMember, AstShape, SmithyModel, Traits } from "../load/types.js";
import { ModelError, type ModelProblem as Problem } from "../load/problems.js";

/** Target id → trait id → trait value. */
export type TraitOverlay = Record<string, Traits>;

const TARGET = /^[A-Za-z_][\w.]*#[A-Za-z_]\w*(\$[A-Za-z_]\w*)?$/;
const TRAIT_ID = /^[A-Za-z_][\w.]*#[A-Za-z_]\w*$/;

/** Checks the config's `traits` value; returns the problems found (paths under `$.traits`). */
export function overlayProblems(raw: unknown): Problem[] {
  if (raw === undefined) return [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return [{ path: "$.traits", message: "must be an object of shape or member ids to traits" }];
  const problems: Problem[] = [];
  for (const [target, traits] of Object.entries(raw)) {
    const path = `$.traits[${JSON.stringify(target)}]`;
    if (!TARGET.test(target)) problems.push({ path, message: "not an absolute shape id (ns#Shape) or member id (ns#Shape$member)" });
    if (typeof traits !== "object" || traits === null || Array.isArray(traits)) {
      problems.push({ path, message: "must be an object of trait ids to trait values" });
      continue;
    }
    for (const id of Object.keys(traits)) {
      if (!TRAIT_ID.test(id)) problems.push({ path: `${path}[${JSON.stringify(id)}]`, message: "not an absolute trait id (e.g. smithy.api#sensitive)" });
    }
  }
  return problems;
}

/**
 * The model with the overlay's traits applied; `model` itself is not changed. A target that is not
 * in the model is an error, unless `lenient` (the base side of `sdkgen diff`, an older model that
 * may not have every shape yet), where it is skipped.
 */
export function applyTraitOverlay(model: SmithyModel, overlay: TraitOverlay | undefined, options: { lenient?: boolean; source?: string } = {}): SmithyModel {
  if (!overlay || Object.keys(overlay).length === 0) return model;
  const shapes: Record<string, AstShape> = { ...model.shapes };
  const copied = new Set<string>();
  const problems: Problem[] = [];
  for (const [target, traits] of Object.entries(overlay)) {
    const [shapeId, memberName] = target.split("$") as [string, string | undefined];
    const path = `$.traits[${JSON.stringify(target)}]`;
    const original = Object.hasOwn(shapes, shapeId) ? shapes[shapeId] : undefined;
    if (!original || original.type === "apply") {
      if (!options.lenient) problems.push({ path, message: `the model has no shape ${shapeId}` });
      continue;
    }
    if (!copied.has(shapeId)) {
      shapes[shapeId] = cloneExact(original);
      copied.add(shapeId);
    }
    const shape = shapes[shapeId]!;
    if (memberName === undefined) {
      shape.traits = { ...(shape.traits ?? {}), ...traits };
      continue;
    }
    const member: AstMember | undefined =
      (shape.members && Object.hasOwn(shape.members, memberName) ? shape.members[memberName] : undefined) ??
      (memberName === "member" ? shape.member : memberName === "key" ? shape.key : memberName === "value" ? shape.value : undefined);
    if (!member) {
      if (!options.lenient) problems.push({ path, message: `${shapeId} declares no member ${memberName} (a member from a mixin takes the trait on the mixin)` });
      continue;
    }
    member.traits = { ...(member.traits ?? {}), ...traits };
  }
  if (problems.length) throw new ModelError(problems, options.source ?? "sdkgen.config.json");
  return { ...model, shapes };
}
