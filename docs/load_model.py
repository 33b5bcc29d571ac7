# Loads an aelab model (save PATH → PATH.safetensors + PATH.json) of dense layers into PyTorch
# and encodes one image (a ramp from 0 to 1). Usage: python docs/load_model.py PATH
import json, struct, sys, torch
path = sys.argv[1]
raw = open(path + ".safetensors", "rb").read()
n = struct.unpack("<Q", raw[:8])[0]                      # safetensors: header length, JSON header, data
header = json.loads(raw[8:8 + n])
def tensor(name):
    t = header[name]; a, b = t["data_offsets"]
    return torch.frombuffer(bytearray(raw[8 + n + a:8 + n + b]), dtype=torch.float32).reshape(t["shape"])
spec = json.load(open(path + ".json"))["architecture"]
layers = []
for i, layer in enumerate(spec["encoder"]):
    name = "encoder/dense" + ("" if i == 0 else f"_{i}")
    linear = torch.nn.Linear(*tensor(name + "/kernel").shape)
    linear.weight.data = tensor(name + "/kernel").T.contiguous()  # Keras [in, out] → PyTorch [out, in]
    linear.bias.data = tensor(name + "/bias")
    layers += [linear, {"relu": torch.nn.ReLU(), "sigmoid": torch.nn.Sigmoid()}.get(layer["activation"], torch.nn.Identity())]
encoder = torch.nn.Sequential(*layers)
code = encoder(torch.linspace(0, 1, spec["input"][0]).reshape(1, -1))
print("code of the ramp:", code.detach().numpy().round(5).tolist())
