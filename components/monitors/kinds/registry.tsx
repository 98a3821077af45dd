import type { ComponentType } from "react";
import { heartbeatMeta } from "@/lib/monitors/kinds/heartbeat/meta";
import { httpMeta } from "@/lib/monitors/kinds/http/meta";
import { HeartbeatFields } from "./heartbeat-fields";
import { HttpFields } from "./http-fields";
import type { KindFieldsProps } from "./props";

type KindForm = { type: string; label: string; hint: string; placeholder: string; Fields: ComponentType<KindFieldsProps> };

/**
 * Each kind's form section, in the order the form offers them (client side: only the kinds' meta is
 * imported from lib, never their runners). Adding a kind: its <kind>-fields.tsx here and one line below.
 */
export const KIND_FORMS: KindForm[] = [
  { ...httpMeta, placeholder: "Marketing site", Fields: HttpFields },
  { ...heartbeatMeta, placeholder: "Nightly backup", Fields: HeartbeatFields },
];

export const kindForm = (type: string): KindForm => KIND_FORMS.find((k) => k.type === type) ?? KIND_FORMS[0];
