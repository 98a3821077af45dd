import type { ComponentType } from "react";
import { browserMeta } from "@/lib/monitors/kinds/browser/meta";
import { dnsMeta } from "@/lib/monitors/kinds/dns/meta";
import { heartbeatMeta } from "@/lib/monitors/kinds/heartbeat/meta";
import { httpMeta } from "@/lib/monitors/kinds/http/meta";
import { tcpMeta } from "@/lib/monitors/kinds/tcp/meta";
import { BrowserFields } from "./browser-fields";
import { DnsFields } from "./dns-fields";
import { HeartbeatFields } from "./heartbeat-fields";
import { HttpFields } from "./http-fields";
import type { KindFieldsProps } from "./props";
import { TcpFields } from "./tcp-fields";

type KindForm = { type: string; label: string; hint: string; placeholder: string; Fields: ComponentType<KindFieldsProps> };

/**
 * Each kind's form section, in the order the form offers them (client side: only the kinds' meta is
 * imported from lib, never their runners). Adding a kind: its <kind>-fields.tsx here and one line below.
 */
export const KIND_FORMS: KindForm[] = [
  { ...httpMeta, placeholder: "Marketing site", Fields: HttpFields },
  { ...heartbeatMeta, placeholder: "Nightly backup", Fields: HeartbeatFields },
  { ...tcpMeta, placeholder: "Primary database", Fields: TcpFields },
  { ...dnsMeta, placeholder: "Apex A record", Fields: DnsFields },
  { ...browserMeta, placeholder: "Login page", Fields: BrowserFields },
];

export const kindForm = (type: string): KindForm => KIND_FORMS.find((k) => k.type === type) ?? KIND_FORMS[0];
