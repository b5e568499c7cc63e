<#-- Renders NAME.sswan for each device; the output name varies, so the template is named after the kind of file. -->
{
  "uuid": "${uuid?json_string}",
  "name": "${name?json_string}",
  "type": "ikev2-cert",
  "remote": {
    "addr": "${remoteAddress?json_string}",
    "id": "${remoteId?json_string}",
    "cert": "${caBase64?json_string}"
  },
  "local": {
    "id": "${localId?json_string}",
    "p12": "${p12Base64?json_string}"
  },
  "ike-proposal": "${ikeProposal?json_string}",
<#if subnets?has_content || blockIpv6>
  "esp-proposal": "${espProposal?json_string}",
  "split-tunneling": {
<#if subnets?has_content>
    "subnets": [<#list subnets as subnet>"${subnet?json_string}"<#sep>, </#list>]
<#else>
    "block-ipv6": true
</#if>
  }
<#else>
  "esp-proposal": "${espProposal?json_string}"
</#if>
}
