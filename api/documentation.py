"""The documentation page's content, read from the OpenAPI document, so that
it documents exactly what the API does."""


def type_label(schema):
    """A JSON Schema as a short label: "string", "integer ≥ 1", "liste de string",
    "Initiative", "string ou null", "ideation | experimentation"…"""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " ou ".join(type_label(option) for option in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    if schema.get("type") == "array":
        return f"liste de {type_label(schema.get('items', {}))}"
    if schema.get("type") == "object" and "additionalProperties" in schema:
        return f"objet de {type_label(schema['additionalProperties'])}"
    label = schema.get("type", "")
    if schema.get("format"):
        label += f" ({schema['format']})"
    bounds = [f"≥ {schema['minimum']}" if "minimum" in schema else ""]
    bounds.append(f"≤ {schema['maximum']}" if "maximum" in schema else "")
    bounds.append(f"≤ {schema['maxLength']} caractères" if "maxLength" in schema else "")
    return " ".join([label, *filter(None, bounds)])


def operations(spec):
    """Each operation of `spec`, with its parameters and responses as rows."""
    rows = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            rows.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": type_label(parameter.get("schema", {})),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": [
                        {"status": status, "type": _response_type(response)}
                        for status, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return rows


def _response_type(response):
    content = response.get("content", {}).get("application/json", {})
    return type_label(content.get("schema", {}))


def schemas(spec):
    """Each schema of `spec`, with its properties as rows."""
    return [
        {
            "name": name,
            "properties": [
                {
                    "name": field,
                    "type": type_label(definition),
                    "required": field in schema.get("required", []),
                    "description": definition.get("description", ""),
                }
                for field, definition in schema.get("properties", {}).items()
            ],
        }
        for name, schema in spec.get("components", {}).get("schemas", {}).items()
    ]
