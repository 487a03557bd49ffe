import Pipeline

print("gleaner")
